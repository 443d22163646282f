using Sentrely.Credentials;

namespace Sentrely.Iam;

/// <summary>
/// The trust policy of every role: only the broker may assume it, only with Sentrely's five session tags (actor
/// <c>agent</c>, or <c>operator</c> for <c>sentrely doctor</c>) and a source identity. One statement per STS action,
/// because a <c>sts:RoleSessionName</c> condition on the TagSession statement never matches.
/// </summary>
internal static class TrustPolicy
{
    /// <summary>The RoleSessionNames Sentrely uses: <c>sess_….call_…</c> for calls, <c>sentrely-doctor</c> for doctor's probes.</summary>
    public static IReadOnlyList<string> SessionNames { get; } = ["sess_*", "sentrely-doctor"];

    /// <summary>The <c>actor</c> tag values: agent calls, and the operator's doctor probes.</summary>
    public static IReadOnlyList<string> Actors { get; } = ["agent", "operator"];

    public static IamPolicyDocument For(string broker)
    {
        IamCondition[] tagsPresent =
        [
            .. SessionTags.Keys.Select(k => new IamCondition("Null", $"aws:RequestTag/{k}", ["false"])),
        ];
        var actor = new IamCondition("StringEquals", "aws:RequestTag/actor", Actors);
        return new IamPolicyDocument(
        [
            new IamStatement("AssumeByBroker", "Allow", ["sts:AssumeRole"], [],
            [
                new IamCondition("StringLike", "sts:RoleSessionName", SessionNames),
                actor,
                .. tagsPresent,
                new IamCondition("Null", "sts:SourceIdentity", ["false"]),
            ]) { PrincipalAws = broker },
            new IamStatement("TagSessionWithSentrelyKeys", "Allow", ["sts:TagSession"], [],
            [
                new IamCondition("ForAllValues:StringEquals", "aws:TagKeys", SessionTags.Keys),
                actor,
                .. tagsPresent,
            ]) { PrincipalAws = broker },
            new IamStatement("SetSourceIdentity", "Allow", ["sts:SetSourceIdentity"], [],
            [
                new IamCondition("Null", "sts:SourceIdentity", ["false"]),
            ]) { PrincipalAws = broker },
        ]);
    }
}
