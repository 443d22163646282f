namespace Sentrely.Policy;

/// <summary>Gets the stable codes of <c>sentrely policy validate</c> warnings.</summary>
public static class PolicyWarningCodes
{
    /// <summary>A rule's resource patterns can never match the resource of a tool it names.</summary>
    public const string UnreachableResource = "SEN1100";

    /// <summary>An allow rule can never allow anything: deny rules match every call it would allow.</summary>
    public const string ShadowedAllow = "SEN1101";

    /// <summary>A rule asks for <c>approval: { via: reviewer }</c>, which stdio mode cannot enforce against self-approval.</summary>
    public const string ReviewerNotEnforcedLocally = "SEN1102";

    /// <summary>A note: a rule whose tool glob names tools its resource patterns can never reach (a <c>tools: ["*"]</c> deny with ARN patterns and the tools whose resource is <c>*</c>).</summary>
    public const string PartlyUnreachable = "SEN1103";

    /// <summary>A note: a deny rule's pattern has letters and compares case-sensitively, so other spellings (<c>PROD</c>, fullwidth letters) pass; <c>caseInsensitive: true</c> catches them.</summary>
    public const string CaseSensitiveDeny = "SEN1104";
}
