using Amazon.Runtime;
using Sentrely.Configuration;
using Sentrely.Mcp.Cli;
using Sentrely.Mcp.Hosting;
using Sentrely.Sandbox;

namespace Sentrely.Mcp.Sandbox;

/// <summary>
/// <c>serve --sandbox</c>: the full pipeline against the in-process AWS test double, seeded with a small
/// account. The configuration's AWS endpoints and base credentials are replaced by the double's, the audit
/// goes to a separate sandbox store, and the server and every audit record say "sandbox".
/// </summary>
internal sealed class SandboxServer : IAsyncDisposable
{
    public const string Transport = "sandbox+stdio";

    private readonly AwsTestDouble _double;

    private SandboxServer(AwsTestDouble awsDouble, ServerSetup setup)
    {
        _double = awsDouble;
        Setup = setup;
    }

    public ServerSetup Setup { get; }

    /// <summary>Starts the double and returns the setup of a server that uses it; <paramref name="config"/> null means the built-in sandbox policy.</summary>
    public static async Task<SandboxServer> StartAsync(SentrelyConfig? config, SentrelyTools tools)
    {
        config ??= BuiltInConfig(tools);
        var awsDouble = await AwsTestDouble.StartAsync(new AwsTestDoubleOptions { Region = config.Aws.Region, AccountId = config.Aws.AccountId ?? "111122223333" });
        SandboxAccount.Seed(awsDouble.State);
        var endpoints = new[] { "sts", "s3", "lambda", "ec2" }.ToDictionary(k => k, _ => awsDouble.Endpoint);
        var sandboxed = config with
        {
            Aws = config.Aws with { AccountId = awsDouble.AccountId, Endpoints = endpoints },
        };
        var setup = new ServerSetup(
            sandboxed,
            tools,
            Transport,
            "Sentrely (sandbox: an in-process AWS test double, no AWS account)",
            StorePaths.Sandbox(),
            () => new BasicAWSCredentials(awsDouble.BaseAccessKeyId, awsDouble.BaseSecretAccessKey),
            config);
        return new SandboxServer(awsDouble, setup);
    }

    /// <summary>Returns the built-in sandbox policy (embedded <c>sandbox.yaml</c>), validated like any configuration.</summary>
    public static SentrelyConfig BuiltInConfig(SentrelyTools tools)
    {
        using var stream = typeof(SandboxServer).Assembly.GetManifestResourceStream("sandbox/sandbox.yaml")!;
        using var reader = new StreamReader(stream);

        // Not a file: no path, so the "config under the working directory" check has nothing to refuse.
        return SentrelyConfigLoader.Parse(reader.ReadToEnd(), "sandbox.yaml (built-in)", tools.Catalog) with { SourcePath = null };
    }

    public ValueTask DisposeAsync() => _double.DisposeAsync();
}
