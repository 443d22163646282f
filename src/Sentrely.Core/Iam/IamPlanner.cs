using Sentrely.Configuration;
using Sentrely.Manifests;
using Sentrely.Policy;

namespace Sentrely.Iam;

/// <summary>
/// Derives the AWS side from the enabled tool manifests and the policy's allow rules: per role, exactly the manifests'
/// actions on what the allow rules permit (never wider: a rule glob that cannot be expressed grants nothing), a trust
/// policy for the broker only, an optional boundary, and the alert on sensitive agent activity.
/// </summary>
public static class IamPlanner
{
    /// <summary>Builds the plan.</summary>
    /// <param name="config">The configuration: <c>aws.accountId</c>, <c>aws.roles</c> and the policy.</param>
    /// <param name="manifests">The tool manifests.</param>
    /// <param name="broker">The ARN of the principal that runs Sentrely.</param>
    /// <param name="boundary">Null for none, <c>generate</c> for a generated boundary, or the ARN of an existing one.</param>
    /// <returns>The plan and the problems found (rules that could not be expressed).</returns>
    /// <exception cref="InvalidOperationException">The configuration lacks what a plan needs, or a role exceeds IAM quotas.</exception>
    public static (IamPlan Plan, IReadOnlyList<string> Problems) Plan(SentrelyConfig config, IReadOnlyList<ToolManifest> manifests, string broker, string? boundary = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(manifests);
        ArgumentException.ThrowIfNullOrWhiteSpace(broker);
        var aws = config.Aws;
        var account = aws.AccountId ?? throw new InvalidOperationException("`aws.accountId` is not set: the plan needs the account the roles live in");
        if (aws.Roles.Count == 0)
        {
            throw new InvalidOperationException("`aws.roles` is empty: name the roles Sentrely assumes (for example `read` and `deploy`)");
        }

        var configured = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["partition"] = [aws.Partition],
            ["region"] = [aws.Region],
            ["account"] = [account],
        };
        var problems = new List<string>();
        var roles = new List<RolePlan>();
        foreach (var (key, arn) in aws.Roles)
        {
            var grants = new List<IamGrant>();
            var ungranted = new List<string>();
            foreach (var tool in manifests.Where(m => m.CallsAws && m.Role == key))
            {
                var rules = config.Policy.Rules.Where(r => r.Tools.Any(g => Glob.IsMatch(g, tool.Name))).ToList();
                var denies = rules.Where(r => r.Effect == PolicyEffect.Deny).ToList();

                // A deny of the whole tool for everyone: nothing to grant (its actions may serve other tools, so no Deny).
                var deniedOutright = denies.Any(r => r.Resources is null && r.NotResources is null && r.When.Count == 0 && r.Developers is null && r.Projects is null);
                var allowed = new List<IamGrant>();
                foreach (var rule in deniedOutright ? [] : rules.Where(r => r.Effect == PolicyEffect.Allow))
                {
                    var (built, issues) = GrantBuilder.Build(tool, rule, configured);
                    allowed.AddRange(built);
                    problems.AddRange(issues);
                }

                if (allowed.Count == 0)
                {
                    ungranted.Add(tool.Name);
                    continue;
                }

                var denyNotes = new List<string>();
                var denied = new List<IamGrant>();
                foreach (var rule in denies)
                {
                    var (built, notes) = DenyBuilder.Build(tool, rule, configured);
                    denied.AddRange(built);
                    denyNotes.AddRange(notes);
                }

                // What IAM cannot carry of the deny rules is said once, on the tool's first grant.
                allowed[0] = allowed[0] with { Notes = [.. allowed[0].Notes, .. denyNotes.Distinct(StringComparer.Ordinal)] };
                grants.AddRange(allowed);
                grants.AddRange(denied);
            }

            var (path, name) = RoleNameOf(arn);
            roles.Add(new RolePlan
            {
                Key = key,
                RoleArn = arn,
                RoleName = name,
                RolePath = path,
                Grants = grants,
                Policies = PolicyPacker.Pack(PolicyPacker.Merge(grants), key),
                Trust = TrustPolicy.For(broker),
                UngrantedTools = ungranted,
            });
        }

        var generated = boundary == "generate"
            ? PolicyPacker.Pack(PolicyPacker.Merge(roles.SelectMany(r => r.Grants)), "boundary") is [var single] ? single
                : throw new InvalidOperationException($"the generated boundary is larger than one managed policy ({PolicyPacker.MaxPolicySize} characters); pass --boundary ARN instead")
            : null;
        var plan = new IamPlan
        {
            Partition = aws.Partition,
            Region = aws.Region,
            AccountId = account,
            Broker = broker,
            Roles = roles,
            Alerts = AlertPattern.For([.. roles.Select(r => r.RoleArn)]),
            Boundary = generated,
            BoundaryArn = boundary is null or "generate" ? null : boundary,
        };
        return (plan, problems.Distinct(StringComparer.Ordinal).ToList());
    }

    // arn:aws:iam::111122223333:role/team/sentrely-agent-deploy → ("/team/", "sentrely-agent-deploy")
    private static (string Path, string Name) RoleNameOf(string arn)
    {
        var marker = arn.IndexOf(":role/", StringComparison.Ordinal);
        if (marker < 0)
        {
            throw new InvalidOperationException($"`{arn}` is not an IAM role ARN");
        }

        var resource = arn[(marker + ":role/".Length)..];
        var slash = resource.LastIndexOf('/');
        return slash < 0 ? ("/", resource) : ("/" + resource[..(slash + 1)], resource[(slash + 1)..]);
    }
}
