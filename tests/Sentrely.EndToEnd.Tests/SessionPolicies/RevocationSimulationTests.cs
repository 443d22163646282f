using System.Globalization;
using Sentrely.Mcp.Cli;
using static Sentrely.EndToEnd.Tests.SessionPolicies.IamPlanSimulator;

namespace Sentrely.EndToEnd.Tests.SessionPolicies;

/// <summary>
/// <c>sentrely revoke-role-sessions</c>'s inline <c>AWSRevokeOlderSessions</c> policy next to the generated role policy,
/// judged by an independent IAM evaluator: a session issued before the revocation time is refused, a later one is not.
/// </summary>
public sealed class RevocationSimulationTests
{
    private static readonly DateTimeOffset Cutoff = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RevokeOlderSessions_SessionIssuedBeforeTheTime_ExplicitlyDenied_AfterAllowed()
    {
        var plan = IamPlanFixtures.Plan(IamPlanFixtures.ExampleConfig());
        var requests = new PlanRequests(plan, "example");
        var capture = new SessionPolicyCapture();
        var put = await capture.PolicyForAsync("put-build-artifact", """{"bucket":"my-app-deployments","key":"builds/1.4.2/app.zip","text":"x"}""");
        var get = await capture.PolicyForAsync("get-build-artifact", """{"bucket":"my-app-deployments","key":"builds/1.4.2/app.zip"}""");
        var revoke = RevokeRoleSessionsCommand.PolicyDocument(Cutoff);

        Case Revoked(string tool, string expected, string session, string action, string label, DateTimeOffset issued)
        {
            var c = requests.Both(tool, expected, session, action, "arn:aws:s3:::my-app-deployments/builds/1.4.2/app.zip",
                new() { ["aws:TokenIssueTime"] = issued.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) }, label);
            return c with { IdentityPolicies = [.. c.IdentityPolicies, revoke] };
        }

        Case[] cases =
        [
            Revoked("put-build-artifact", ExplicitlyDenied, put, "s3:PutObject", "issued an hour before", Cutoff.AddHours(-1)),
            Revoked("put-build-artifact", ExplicitlyDenied, put, "s3:PutObject", "issued a second before", Cutoff.AddSeconds(-1)),
            Revoked("put-build-artifact", Allowed, put, "s3:PutObject", "issued at the time", Cutoff),
            Revoked("put-build-artifact", Allowed, put, "s3:PutObject", "issued a minute after", Cutoff.AddMinutes(1)),
            Revoked("get-build-artifact", ExplicitlyDenied, get, "s3:GetObject", "issued before", Cutoff.AddMinutes(-5)),
            Revoked("get-build-artifact", Allowed, get, "s3:GetObject", "issued after", Cutoff.AddMinutes(5)),
            Revoked("get-build-artifact", ImplicitlyDenied, get, "s3:PutObject", "issued after, another action", Cutoff.AddMinutes(5)),
        ];

        await AssertAllAsync(cases);
    }
}
