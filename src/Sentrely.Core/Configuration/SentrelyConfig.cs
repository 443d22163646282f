using Sentrely.Limits;
using Sentrely.Policy;

namespace Sentrely.Configuration;

/// <summary>Gets a loaded, validated <c>sentrely.yaml</c>. Immutable: a reload builds a new instance.</summary>
public sealed record SentrelyConfig
{
    /// <summary>Gets the path the configuration was read from; null for built-in configurations.</summary>
    public string? SourcePath { get; init; }

    /// <summary>Gets the SHA-256 (hex) of the configuration file's bytes, for audit records of loads.</summary>
    public string? SourceSha256 { get; init; }

    /// <summary>Gets the AWS settings.</summary>
    public AwsConfig Aws { get; init; } = new();

    /// <summary>Gets the stdio identity settings.</summary>
    public IdentityConfig Identity { get; init; } = new();

    /// <summary>Gets the file access settings for <c>path</c> arguments.</summary>
    public FilesConfig Files { get; init; } = new();

    /// <summary>Gets the store settings.</summary>
    public StoreConfig Store { get; init; } = new();

    /// <summary>Gets the policy: rules and rate limits. Empty means every call is denied.</summary>
    public PolicyConfig Policy { get; init; } = new();

    /// <summary>Gets the approval settings: request lifetime and reviewer webhooks.</summary>
    public ApprovalsConfig Approvals { get; init; } = new();

    /// <summary>Gets the cost limits; all off unless set.</summary>
    public LimitsConfig Limits { get; init; } = new();

    /// <summary>Gets the OpenTelemetry export settings; off unless set.</summary>
    public TelemetryConfig Telemetry { get; init; } = new();

    /// <summary>Gets the team server's settings (HTTP transport only).</summary>
    public ServerConfig Server { get; init; } = new();
}

/// <summary>Gets the <c>aws</c> section.</summary>
public sealed record AwsConfig
{
    /// <summary>Gets the region used for ARNs and endpoints.</summary>
    /// <value>Defaults to <c>us-east-1</c>.</value>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Gets the partition: <c>aws</c>, <c>aws-cn</c> or <c>aws-us-gov</c>.</summary>
    public string Partition { get; init; } = "aws";

    /// <summary>Gets the 12-digit account id used to build ARNs.</summary>
    public string? AccountId { get; init; }

    /// <summary>Gets the shared-config profile holding the base credentials; null uses the SDK default chain.</summary>
    public string? Profile { get; init; }

    /// <summary>Gets the role ARNs by manifest role key (<c>read</c>, <c>deploy</c>).</summary>
    public IReadOnlyDictionary<string, string> Roles { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the settings of vended credentials.</summary>
    public CredentialsConfig Credentials { get; init; } = new();

    /// <summary>Gets endpoint overrides by service key (<c>sts s3 lambda ec2 iam</c>).</summary>
    public IReadOnlyDictionary<string, Uri> Endpoints { get; init; } = new Dictionary<string, Uri>();

    /// <summary>
    /// Gets whether <c>AWS_ENDPOINT_URL[_&lt;SERVICE&gt;]</c> may set endpoints not named in <see cref="Endpoints"/>
    /// (<c>aws.endpoints.fromEnvironment</c>). Off by default: in stdio mode the agent can shape the server's
    /// environment, and an endpoint it picked would receive signed requests.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool EndpointsFromEnvironment { get; init; }
}

/// <summary>Gets the <c>aws.credentials</c> section.</summary>
public sealed record CredentialsConfig
{
    /// <summary>Gets the lifetime of vended credentials in seconds (900–43200).</summary>
    /// <value>Defaults to 900.</value>
    public int DurationSeconds { get; init; } = 900;

    /// <summary>Gets how vended credentials are reused.</summary>
    public CredentialReuse Reuse { get; init; } = CredentialReuse.PerScope;
}

/// <summary>Gets how vended credentials are reused.</summary>
public enum CredentialReuse
{
    /// <summary>Reuse credentials for an identical (role, session policy, tags) until five minutes before expiry.</summary>
    PerScope,

    /// <summary>A fresh AssumeRole for every call.</summary>
    PerCall,
}

/// <summary>Gets the <c>identity</c> section (stdio only).</summary>
public sealed record IdentityConfig
{
    /// <summary>Gets the developer; null means the OS user name.</summary>
    public string? Developer { get; init; }

    /// <summary>Gets the project; null means the first MCP root's folder name, else the working directory's.</summary>
    public string? Project { get; init; }
}

/// <summary>Gets the <c>files</c> section.</summary>
public sealed record FilesConfig
{
    /// <summary>Gets extra folders (absolute, <c>~</c> expanded) that <c>path</c> arguments may read.</summary>
    public IReadOnlyList<string> Roots { get; init; } = [];
}

/// <summary>Gets the <c>store</c> section.</summary>
public sealed record StoreConfig
{
    /// <summary>Gets the SQLite database path (<c>~</c> expanded).</summary>
    /// <value>Defaults to <c>$XDG_STATE_HOME/sentrely/sentrely.db</c>, else <c>~/.local/state/sentrely/sentrely.db</c>.</value>
    public string? Sqlite { get; init; }

    /// <summary>Gets the PostgreSQL connection string (Npgsql syntax), or null for SQLite; it holds a password, so never log it.</summary>
    public string? Postgres { get; init; }
}

/// <summary>Gets the <c>policy</c> section.</summary>
public sealed record PolicyConfig
{
    /// <summary>Gets the rules in file order.</summary>
    public IReadOnlyList<PolicyRule> Rules { get; init; } = [];

    /// <summary>Gets the rate limits in file order; a call must get a token from every limit that names its tool.</summary>
    public IReadOnlyList<RateLimitRule> RateLimits { get; init; } = [];
}
