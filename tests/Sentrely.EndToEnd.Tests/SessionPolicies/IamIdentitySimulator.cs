namespace Sentrely.EndToEnd.Tests.SessionPolicies;

/// <summary>An identity policy alone (no session, resource or boundary policy) judged by iam-simulate, through <see cref="IamPlanSimulator"/>.</summary>
internal static class IamIdentitySimulator
{
    private const string Principal = "arn:aws:sts::111122223333:assumed-role/sentrely-agent/session";

    public sealed record Case(string Id, string IdentityPolicy, string Action, string Resource, IReadOnlyDictionary<string, string> Context);

    public static async Task<IReadOnlyDictionary<string, string>> EvaluateAsync(IEnumerable<Case> cases)
    {
        var verdicts = await IamPlanSimulator.EvaluateAsync(cases.Select(c => new IamPlanSimulator.Case(
            c.Id, IamPlanSimulator.Denied, [c.IdentityPolicy], Principal, c.Action, c.Resource, c.Context.ToDictionary(kv => kv.Key, kv => (object)kv.Value))));
        return verdicts.ToDictionary(v => v.Key, v => v.Value.Result);
    }
}
