using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sentrely.Sandbox.Http;
using Sentrely.Sandbox.Services;

namespace Sentrely.Sandbox;

/// <summary>
/// A local AWS test double on 127.0.0.1: STS, S3, Lambda, EC2 and IAM subsets behind one endpoint, routed by the SigV4
/// credential scope. Every request's signature is verified and every request is recorded, refused ones included.
/// </summary>
public sealed class AwsTestDouble : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxEnvironment _environment;

    private AwsTestDouble(WebApplication app, SandboxEnvironment environment, Uri endpoint)
    {
        _app = app;
        _environment = environment;
        Endpoint = endpoint;
    }

    /// <summary>Gets the one endpoint for every service (http://127.0.0.1:PORT/).</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets the region requests must be signed for.</summary>
    public string Region => _environment.Region;

    /// <summary>Gets the simulated account ID.</summary>
    public string AccountId => _environment.AccountId;

    /// <summary>Gets the partition (<c>aws</c>).</summary>
    public string Partition => "aws";

    /// <summary>Gets the broker's long-term access key ID (AKIA…), random per instance. It may call STS and IAM only.</summary>
    public string BaseAccessKeyId => _environment.Credentials.BaseAccessKeyId;

    /// <summary>Gets the broker's long-term secret access key, random per instance.</summary>
    public string BaseSecretAccessKey => _environment.Credentials.BaseSecretAccessKey;

    /// <summary>
    /// Returns the environment of a process that should reach only this double: its base credentials, and nothing of the
    /// user's AWS setup or Sentrely configuration (null removes a variable); <paramref name="home"/> becomes HOME.
    /// </summary>
    /// <param name="home">A folder of the caller's, where the named AWS files do not exist.</param>
    public IReadOnlyDictionary<string, string?> ProcessEnvironment(string home) => new Dictionary<string, string?>
    {
        ["AWS_ACCESS_KEY_ID"] = BaseAccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = BaseSecretAccessKey,
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_PROFILE"] = null,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_CONFIG_FILE"] = Path.Combine(home, "no-aws-config"),
        ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home, "no-aws-credentials"),
        ["SENTRELY_CONFIG"] = null,
        ["HOME"] = home,
    };

    /// <summary>Gets the simulated account contents, to seed and inspect.</summary>
    public SandboxState State => _environment.State;

    /// <summary>Gets a snapshot of the successful AssumeRole calls, in order.</summary>
    public IReadOnlyList<AssumeRoleRecord> AssumeRoles => _environment.AssumeRoles;

    /// <summary>Gets a snapshot of every request received (STS and refused ones included), in order.</summary>
    public IReadOnlyList<RequestRecord> Requests => _environment.Requests;

    /// <summary>Starts the double on 127.0.0.1.</summary>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <param name="ct">Cancels start-up.</param>
    /// <returns>The running double; dispose it to stop.</returns>
    public static async Task<AwsTestDouble> StartAsync(AwsTestDoubleOptions? options = null, CancellationToken ct = default)
    {
        options ??= new AwsTestDoubleOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        ArgumentOutOfRangeException.ThrowIfNegative(options.LambdaUpdateReadsUntilSuccessful);
        ArgumentNullException.ThrowIfNull(options.Time);
        if (options.AccountId.Length != 12 || !options.AccountId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("AccountId must be 12 digits.", nameof(options));
        }

        var environment = new SandboxEnvironment(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        // The double runs inside a stdio MCP server whose stdout is JSON-RPC only: no logging at all.
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });

        var app = builder.Build();
        var services = new Dictionary<string, IAwsService>(StringComparer.Ordinal)
        {
            ["sts"] = new StsService(),
            ["s3"] = new S3Service(),
            ["lambda"] = new LambdaService(),
            ["ec2"] = new Ec2Service(),
            ["iam"] = new IamService(),
        };
        var dispatcher = new RequestDispatcher(environment, services, options.MaxRequestBodyBytes);
        app.Run(dispatcher.HandleAsync);
        await app.StartAsync(ct).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new AwsTestDouble(app, environment, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Forgets all AssumeRole and request records (issued credentials stay valid).</summary>
    public void ClearRecords() => _environment.ClearRecords();

    /// <summary>Returns every access key id, secret key and session token this double knows (base and issued), for leak checks in tests.</summary>
    internal IReadOnlyList<string> AllCredentialStrings() => _environment.Credentials.AllSecrets();

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
