namespace Sentrely.Configuration;

/// <summary>Gets the stable codes of configuration and manifest errors; README and CLI output name them.</summary>
public static class ConfigErrorCodes
{
    /// <summary>The file cannot be found or read.</summary>
    public const string FileNotFound = "SEN1000";

    /// <summary>The file is not valid YAML, holds several documents, or uses anchors and aliases.</summary>
    public const string YamlSyntax = "SEN1001";

    /// <summary>A value has the wrong shape (a mapping, list or scalar was expected).</summary>
    public const string WrongType = "SEN1002";

    /// <summary>A key is not known.</summary>
    public const string UnknownKey = "SEN1003";

    /// <summary>A required key is missing or empty.</summary>
    public const string MissingKey = "SEN1004";

    /// <summary>A value is not one of the allowed values or is malformed.</summary>
    public const string InvalidValue = "SEN1005";

    /// <summary>A section is specified by DESIGN.md but not enforced by this version.</summary>
    public const string UnsupportedSection = "SEN1006";

    /// <summary><c>aws.region</c> is malformed or does not fit the partition.</summary>
    public const string InvalidRegion = "SEN1010";

    /// <summary><c>aws.partition</c> is not <c>aws</c>, <c>aws-cn</c> or <c>aws-us-gov</c>.</summary>
    public const string InvalidPartition = "SEN1011";

    /// <summary><c>aws.accountId</c> is not 12 digits, or is missing where it is needed.</summary>
    public const string InvalidAccountId = "SEN1012";

    /// <summary>A role ARN is malformed or names another partition or account.</summary>
    public const string InvalidRoleArn = "SEN1013";

    /// <summary><c>aws.credentials.durationSeconds</c> is outside 900–43200.</summary>
    public const string InvalidDuration = "SEN1014";

    /// <summary>An endpoint is not an absolute http(s) URI, or its service key is unknown.</summary>
    public const string InvalidEndpoint = "SEN1015";

    /// <summary>An identity value does not fit the STS or session-tag character set.</summary>
    public const string InvalidIdentity = "SEN1020";

    /// <summary>A path is not absolute (after <c>~</c> expansion) or is not allowed.</summary>
    public const string InvalidPath = "SEN1021";

    /// <summary>PostgreSQL stores are not supported by this version (no longer reported: <c>store.postgres</c> is supported).</summary>
    public const string UnsupportedStore = "SEN1022";

    /// <summary>The <c>store</c> section is invalid: an empty PostgreSQL connection string, or both <c>sqlite</c> and <c>postgres</c>.</summary>
    public const string InvalidStore = "SEN1023";

    /// <summary>A rule id is missing, malformed or used twice.</summary>
    public const string InvalidRuleId = "SEN1030";

    /// <summary>A tool glob is malformed.</summary>
    public const string InvalidGlob = "SEN1031";

    /// <summary>A tool glob matches no known tool.</summary>
    public const string UnknownTool = "SEN1032";

    /// <summary>A resource pattern is malformed.</summary>
    public const string InvalidResource = "SEN1033";

    /// <summary>A <c>when</c> key is not an argument of every tool the rule matches.</summary>
    public const string UnknownArgument = "SEN1034";

    /// <summary>A <c>when</c> condition is malformed.</summary>
    public const string InvalidCondition = "SEN1035";

    /// <summary>An <c>approval</c> value is malformed or misplaced.</summary>
    public const string InvalidApproval = "SEN1036";

    /// <summary>A <c>when</c> condition cannot be evaluated: its form does not fit the argument's type (text, number, boolean, list, map, content), or the argument has another type in another tool the rule names.</summary>
    public const string UnevaluableCondition = "SEN1037";

    /// <summary>A value starts with <c>!</c>, which is not negation: write <c>{ not: [...] }</c> or <c>notResources</c>.</summary>
    public const string BangValue = "SEN1038";

    /// <summary>A <c>principals</c> entry contains a glob character; principals are compared literally.</summary>
    public const string GlobInPrincipals = "SEN1039";

    /// <summary>A <c>principals</c> entry is a name no session can carry: sessions hold developer and project names fitted to STS's characters and lengths.</summary>
    public const string UnmatchablePrincipal = "SEN1042";

    /// <summary>A rule can match none of its tools: its resource patterns can never meet any call resource of those tools (another partition, region or account, another service, a name glob against instance ARNs).</summary>
    public const string UnreachableRule = "SEN1040";

    /// <summary><c>caseInsensitive</c> is set on an allow rule (it would widen what is allowed) or is not <c>true</c>/<c>false</c>.</summary>
    public const string InvalidCaseInsensitive = "SEN1041";

    /// <summary>A rate limit's <c>limit</c> is not <c>N/second</c>, <c>N/minute</c>, <c>N/hour</c> or <c>N/day</c> with N from 1 to 1,000,000.</summary>
    public const string InvalidRateLimit = "SEN1050";

    /// <summary>A rate limit's <c>id</c> is missing, malformed or used twice among the rate limits.</summary>
    public const string InvalidRateLimitId = "SEN1051";

    /// <summary>An <c>approvals</c> value is malformed: an expiry outside 1m–24h, or a webhook that is not an allowed URL, repeated or one too many.</summary>
    public const string InvalidApprovals = "SEN1060";

    /// <summary>A <c>server.sessions.idleTimeout</c> is not a duration from 1 second to 24 hours.</summary>
    public const string InvalidServerSessions = "SEN1070";

    /// <summary>A <c>server.limits</c> value is not a whole number in its range.</summary>
    public const string InvalidServerLimits = "SEN1071";

    /// <summary>A <c>server.approvals.inSession</c> is not <c>true</c> or <c>false</c>.</summary>
    public const string InvalidServerApprovals = "SEN1072";

    /// <summary>The configuration file, or the folder holding it, can be written by other users (group or others): <c>serve</c> refuses it.</summary>
    public const string WritableByOthers = "SEN1080";

    /// <summary>A manifest name is malformed or used twice.</summary>
    public const string InvalidManifestName = "SEN1200";

    /// <summary>A manifest's <c>role</c> does not fit its <c>access</c>, or <c>iam</c> does not fit its role.</summary>
    public const string InconsistentManifest = "SEN1201";

    /// <summary>A manifest template has malformed placeholders.</summary>
    public const string InvalidTemplate = "SEN1202";

    /// <summary>An IAM action or condition of a manifest is malformed.</summary>
    public const string InvalidIam = "SEN1203";
}
