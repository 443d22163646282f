using Sentrely.Credentials;
using Sentrely.Iam;
using static Sentrely.EndToEnd.Tests.SessionPolicies.IamPlanSimulator;

namespace Sentrely.EndToEnd.Tests.SessionPolicies;

/// <summary>
/// The trust policies <c>sentrely iam plan</c> generates, as the resource policy of each role, judged by an independent
/// IAM evaluator: only the broker may assume the role, tag the session with Sentrely's keys and set a source identity,
/// and only with all five tags, an allowed actor, a source identity and a Sentrely session name.
/// </summary>
public sealed class TrustPolicySimulationTests
{
    private const string OtherPrincipal = "arn:aws:iam::444455556666:role/other";

    [Fact]
    public async Task TrustPolicy_BrokerInAnotherAccount_AllowsOnlySentrelysRequestsWhenBothSidesAllow()
    {
        var plan = IamPlanFixtures.Plan(IamPlanFixtures.ExampleConfig(), IamPlanFixtures.OtherAccountBroker);
        var cases = new List<Case>();
        foreach (var role in plan.Roles)
        {
            var broker = BrokerPolicy(role.RoleArn);
            cases.AddRange(Requests(role, IamPlanFixtures.OtherAccountBroker, [broker], $"{role.Key}/cross-account"));
            cases.AddRange(OtherPrincipalRequests(role, OtherPrincipal, [broker], $"{role.Key}/cross-account"));
            cases.AddRange(OtherPrincipalRequests(role, IamPlanFixtures.OtherAccountBroker, [], $"{role.Key}/cross-account broker without an identity policy"));
        }

        await AssertAllAsync(cases);
    }

    [Fact]
    public async Task TrustPolicy_BrokerInTheSameAccount_TrustPolicyAloneAllowsOnlySentrelysRequests()
    {
        var plan = IamPlanFixtures.Plan(IamPlanFixtures.ExampleConfig(), IamPlanFixtures.SameAccountBroker);
        var cases = new List<Case>();
        foreach (var role in plan.Roles)
        {
            cases.AddRange(Requests(role, IamPlanFixtures.SameAccountBroker, [], $"{role.Key}/same-account"));
            cases.AddRange(OtherPrincipalRequests(role, "arn:aws:iam::111122223333:role/other", [], $"{role.Key}/same-account"));
            // An identity policy of the same account does not let another principal in: the trust policy must name it.
            cases.AddRange(OtherPrincipalRequests(role, "arn:aws:iam::111122223333:role/other", [BrokerPolicy(role.RoleArn)], $"{role.Key}/same-account with an identity policy"));
        }

        await AssertAllAsync(cases);
    }

    private static IEnumerable<Case> Requests(RolePlan role, string principal, IReadOnlyList<string> identity, string scope)
    {
        Case Make(string label, string expected, string action, Dictionary<string, object> context) =>
            new($"{scope}: {label}: {action}", expected, identity, principal, action, role.RoleArn, context, ResourcePolicy: role.Trust.ToJson());

        yield return Make("all tags and a source identity", Allowed, "sts:AssumeRole", AssumeContext());
        yield return Make("Sentrely's tag keys", Allowed, "sts:TagSession", TagContext());
        yield return Make("a source identity", Allowed, "sts:SetSourceIdentity", new() { ["sts:SourceIdentity"] = "jordan" });
        yield return Make("doctor's probe", Allowed, "sts:AssumeRole", AssumeContext(sessionName: "sentrely-doctor", actor: "operator"));
        yield return Make("doctor's probe", Allowed, "sts:TagSession", TagContext(actor: "operator"));

        foreach (var key in SessionTags.Keys)
        {
            yield return Make($"-missing tag {key}", ImplicitlyDenied, "sts:AssumeRole", AssumeContext(without: key));
            yield return Make($"-missing tag {key}", ImplicitlyDenied, "sts:TagSession", TagContext(without: key));
        }

        var noSource = AssumeContext();
        noSource.Remove("sts:SourceIdentity");
        yield return Make("-no source identity", ImplicitlyDenied, "sts:AssumeRole", noSource);
        yield return Make("-no source identity", ImplicitlyDenied, "sts:SetSourceIdentity", []);
        yield return Make("-actor human", ImplicitlyDenied, "sts:AssumeRole", AssumeContext(actor: "human"));
        yield return Make("-actor human", ImplicitlyDenied, "sts:TagSession", TagContext(actor: "human"));
        yield return Make("-an extra tag key", ImplicitlyDenied, "sts:TagSession", TagContext(extraKey: "cost-center"));
        yield return Make("-session name not sess_", ImplicitlyDenied, "sts:AssumeRole", AssumeContext(sessionName: "call_def"));
        yield return Make("-session name admin", ImplicitlyDenied, "sts:AssumeRole", AssumeContext(sessionName: "admin-session"));
    }

    private static IEnumerable<Case> OtherPrincipalRequests(RolePlan role, string principal, IReadOnlyList<string> identity, string scope)
    {
        Case Make(string action, Dictionary<string, object> context) =>
            new($"{scope}: -principal {principal}: {action}", ImplicitlyDenied, identity, principal, action, role.RoleArn, context, ResourcePolicy: role.Trust.ToJson());

        yield return Make("sts:AssumeRole", AssumeContext());
        yield return Make("sts:TagSession", TagContext());
        yield return Make("sts:SetSourceIdentity", new() { ["sts:SourceIdentity"] = "jordan" });
    }

    // The tags Sentrely passes on every AssumeRole (CredentialRequest's session tags) and the source identity.
    private static Dictionary<string, object> Tags(string actor, string? without, string? extraKey)
    {
        var values = new Dictionary<string, string>
        {
            ["agent-session"] = "sess_abc",
            ["developer"] = "jordan",
            ["project"] = "backend-api",
            ["tool"] = "put-build-artifact",
            ["actor"] = actor,
        };
        Assert.Equal(SessionTags.Keys.Order(StringComparer.Ordinal), values.Keys.Order(StringComparer.Ordinal));
        if (without is not null)
        {
            values.Remove(without);
        }

        if (extraKey is not null)
        {
            values[extraKey] = "x";
        }

        var context = values.ToDictionary(kv => $"aws:RequestTag/{kv.Key}", kv => (object)kv.Value);
        context["aws:TagKeys"] = values.Keys.ToArray();
        return context;
    }

    private static Dictionary<string, object> AssumeContext(string sessionName = "sess_abc.call_def", string actor = "agent", string? without = null)
    {
        var context = Tags(actor, without, null);
        context["sts:RoleSessionName"] = sessionName;
        context["sts:SourceIdentity"] = "jordan";
        return context;
    }

    private static Dictionary<string, object> TagContext(string actor = "agent", string? without = null, string? extraKey = null) =>
        Tags(actor, without, extraKey);

    // The broker's own identity policy (written by the operator, not by iam plan): it may assume the role and pass tags and a source identity.
    private static string BrokerPolicy(string roleArn) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"],"Resource":"{{roleArn}}"}]}""";
}
