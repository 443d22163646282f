using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Sentrely.Sandbox.Http;
using Sentrely.Sandbox.Identity;
using Sentrely.Sandbox.Policy;

namespace Sentrely.Sandbox.Services;

/// <summary>STS (query protocol): AssumeRole and GetCallerIdentity.</summary>
internal sealed class StsService : IAwsService
{
    private const string Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    public SandboxResponse Handle(SandboxCall call)
    {
        var form = FormParameters.From(call);
        if (form.HasDuplicates || call.Method != "POST")
        {
            return ErrorResponses.Sts(call.RequestId, 400, "InvalidParameterCombination", "Parameters must be given once, in a form POST.");
        }

        return form["Action"] switch
        {
            "AssumeRole" => AssumeRole(call, form),
            "GetCallerIdentity" => GetCallerIdentity(call),
            _ => ErrorResponses.Sts(call.RequestId, 400, "InvalidAction", "The action is not valid for this web service."),
        };
    }

    private static SandboxResponse AssumeRole(SandboxCall call, FormParameters form)
    {
        var environment = call.Environment;
        call.SetAction("sts:AssumeRole");
        var (input, code, message) = AssumeRoleInput.Parse(form);
        if (input is null)
        {
            return ErrorResponses.Sts(call.RequestId, 400, code!, message!);
        }

        if (!call.Caller.IsBase)
        {
            call.Deny("sts:AssumeRole", input.RoleArn, "role chaining is not allowed by the test double");
            return AccessDenied(call, input.RoleArn);
        }

        var match = AssumeRoleInput.RoleArnPattern().Match(input.RoleArn);
        var assumable = match.Success && match.Groups["account"].Value == environment.AccountId
            && (environment.AssumableRoles is null || environment.AssumableRoles.Contains(input.RoleArn, StringComparer.Ordinal));
        if (!assumable)
        {
            call.Deny("sts:AssumeRole", input.RoleArn, "the role does not exist or is not assumable");
            return AccessDenied(call, input.RoleArn);
        }

        call.Authorize("sts:AssumeRole", [new AccessCheck("sts:AssumeRole", input.RoleArn)]);
        var now = environment.Time.GetUtcNow();
        var expiration = now.AddSeconds(input.DurationSeconds);
        var accessKeyId = CredentialRegistry.NewAccessKeyId("ASIA");
        var record = new AssumeRoleRecord(
            call.RequestId, call.Caller.AccessKeyId, input.RoleArn, input.SessionName, input.Policy, input.Tags,
            input.TransitiveTagKeys, input.SourceIdentity, input.DurationSeconds, accessKeyId, expiration);
        var assumedArn = $"arn:aws:sts::{environment.AccountId}:assumed-role/{input.RoleName}/{input.SessionName}";
        var assumedId = RoleId(input.RoleArn) + ":" + input.SessionName;
        var issued = new IssuedCredential(accessKeyId, CredentialRegistry.NewSecret(), CredentialRegistry.NewSessionToken(),
            assumedArn, assumedId, now, input.ParsedPolicy, record);
        environment.Credentials.Add(issued);
        environment.Add(record);

        var packed = (int)Math.Ceiling(((input.Policy?.Length ?? 0) + input.Tags.Sum(t => t.Key.Length + t.Value.Length)) * 100.0 / 2048);
        return Ok(call.RequestId, "AssumeRole", w =>
        {
            w.Element("SourceIdentity", input.SourceIdentity);
            w.WriteStartElement("AssumedRoleUser");
            w.WriteElementString("AssumedRoleId", assumedId);
            w.WriteElementString("Arn", assumedArn);
            w.WriteEndElement();
            w.WriteStartElement("Credentials");
            w.WriteElementString("AccessKeyId", issued.AccessKeyId);
            w.WriteElementString("SecretAccessKey", issued.SecretAccessKey);
            w.WriteElementString("SessionToken", issued.SessionToken);
            w.WriteElementString("Expiration", expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteEndElement();
            w.WriteElementString("PackedPolicySize", packed.ToString(CultureInfo.InvariantCulture));
        });
    }

    private static SandboxResponse GetCallerIdentity(SandboxCall call)
    {
        var environment = call.Environment;
        call.Authorize("sts:GetCallerIdentity", [new AccessCheck("sts:GetCallerIdentity", "*")]);
        var session = call.Caller.Session;
        var arn = session?.AssumedRoleArn ?? $"arn:aws:iam::{environment.AccountId}:user/sentrely-broker";
        var userId = session?.AssumedRoleId ?? "AIDA" + call.Caller.AccessKeyId[4..];
        return Ok(call.RequestId, "GetCallerIdentity", w =>
        {
            w.WriteElementString("Arn", arn);
            w.WriteElementString("UserId", userId);
            w.WriteElementString("Account", environment.AccountId);
        });
    }

    private static SandboxResponse AccessDenied(SandboxCall call, string roleArn) =>
        ErrorResponses.Sts(call.RequestId, 403, "AccessDenied",
            $"User: {CallerArn(call)} is not authorized to perform: sts:AssumeRole on resource: {roleArn}");

    private static string CallerArn(SandboxCall call) =>
        call.Caller.Session?.AssumedRoleArn ?? $"arn:aws:iam::{call.Environment.AccountId}:user/sentrely-broker";

    /// <summary>A stable AROA… role ID derived from the role ARN.</summary>
    private static string RoleId(string roleArn)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(roleArn));
        return "AROA" + string.Concat(hash.Take(17).Select(b => Alphabet[b % 32]));
    }

    private static SandboxResponse Ok(string requestId, string action, Action<XmlWriter> result) =>
        new(200, "text/xml", XmlBody.Write(w =>
        {
            w.WriteStartElement(action + "Response", Ns);
            w.WriteStartElement(action + "Result");
            result(w);
            w.WriteEndElement();
            w.WriteStartElement("ResponseMetadata");
            w.WriteElementString("RequestId", requestId);
            w.WriteEndElement();
            w.WriteEndElement();
        }), null);
}
