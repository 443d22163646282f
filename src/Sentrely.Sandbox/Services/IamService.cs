using System.Text.RegularExpressions;
using System.Xml;
using Sentrely.Sandbox.Http;
using Sentrely.Sandbox.Policy;

namespace Sentrely.Sandbox.Services;

/// <summary>IAM (query protocol, 2010-05-08): PutRolePolicy and GetRolePolicy on the roles of the account.</summary>
internal sealed partial class IamService : IAwsService
{
    public const string Ns = "https://iam.amazonaws.com/doc/2010-05-08/";

    public SandboxResponse Handle(SandboxCall call)
    {
        var form = FormParameters.From(call);
        if (form.HasDuplicates || call.Method != "POST" || form["Version"] != "2010-05-08")
        {
            return Error(call, 400, "InvalidInput", "Parameters must be given once, in a form POST with Version=2010-05-08.");
        }

        return form["Action"] switch
        {
            "PutRolePolicy" => PutRolePolicy(call, form),
            "GetRolePolicy" => GetRolePolicy(call, form),
            _ => Error(call, 400, "InvalidAction", "The action is not valid for this web service."),
        };
    }

    public static SandboxResponse Error(SandboxCall call, int status, string code, string message) =>
        ErrorResponses.Iam(call.RequestId, status, code, message);

    private static SandboxResponse PutRolePolicy(SandboxCall call, FormParameters form)
    {
        const string Action = "iam:PutRolePolicy";
        var (role, policyName, refusal) = Names(call, form, Action);
        if (refusal is not null)
        {
            return refusal;
        }

        var document = form["PolicyDocument"];
        if (document is null || document.Length is < 1 or > 131072)
        {
            return Error(call, 400, "ValidationError", "PolicyDocument must have length between 1 and 131072.");
        }

        var parsed = SessionPolicyParser.TryParse(document, out var error);
        if (parsed is null)
        {
            return Error(call, 400, "MalformedPolicyDocument", error);
        }

        call.Environment.State.PutRolePolicy(role!, policyName!, document, parsed);
        return Ok(call, "PutRolePolicy", null);
    }

    private static SandboxResponse GetRolePolicy(SandboxCall call, FormParameters form)
    {
        var (role, policyName, refusal) = Names(call, form, "iam:GetRolePolicy");
        if (refusal is not null)
        {
            return refusal;
        }

        return call.Environment.State.GetRolePolicy(role!, policyName!) is { } document
            ? Ok(call, "GetRolePolicy", w =>
            {
                w.WriteElementString("RoleName", role);
                w.WriteElementString("PolicyName", policyName);
                w.WriteElementString("PolicyDocument", Uri.EscapeDataString(document));
            })
            : Error(call, 404, "NoSuchEntity", $"The role policy with name {policyName} cannot be found.");
    }

    private static (string? Role, string? Policy, SandboxResponse? Refusal) Names(SandboxCall call, FormParameters form, string action)
    {
        var role = form["RoleName"];
        var policy = form["PolicyName"];
        if (role is null || role.Length is < 1 or > 64 || !NamePattern().IsMatch(role)
            || policy is null || policy.Length is < 1 or > 128 || !NamePattern().IsMatch(policy))
        {
            return (null, null, Error(call, 400, "ValidationError", @"RoleName (1-64) and PolicyName (1-128) must satisfy [\w+=,.@-]+."));
        }

        var environment = call.Environment;
        var roleArn = $"arn:aws:iam::{environment.AccountId}:role/{role}";
        if (!call.Caller.IsBase)
        {
            // The agent roles never get IAM: only the broker's own identity may change a role.
            call.Deny(action, roleArn, "role sessions may not call IAM in the test double");
        }

        if (!call.Caller.IsBase || !call.Authorize(action, [new AccessCheck(action, roleArn)]))
        {
            return (null, null, Error(call, 403, "AccessDenied", $"User is not authorized to perform: {action} on resource: {roleArn} ({call.DenyReason})"));
        }

        var exists = environment.AssumableRoles is null
            || environment.AssumableRoles.Any(arn => arn.EndsWith("/" + role, StringComparison.Ordinal));
        return exists ? (role, policy, null) : (null, null, Error(call, 404, "NoSuchEntity", $"The role with name {role} cannot be found."));
    }

    private static SandboxResponse Ok(SandboxCall call, string action, Action<XmlWriter>? result) =>
        new(200, "text/xml", XmlBody.Write(w =>
        {
            w.WriteStartElement(action + "Response", Ns);
            if (result is not null)
            {
                w.WriteStartElement(action + "Result");
                result(w);
                w.WriteEndElement();
            }

            w.WriteStartElement("ResponseMetadata");
            w.WriteElementString("RequestId", call.RequestId);
            w.WriteEndElement();
            w.WriteEndElement();
        }), null);

    [GeneratedRegex(@"^[\w+=,.@-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
