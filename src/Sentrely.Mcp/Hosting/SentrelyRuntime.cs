using Microsoft.Extensions.Logging;
using Sentrely.Approval;
using Sentrely.Arguments;
using Sentrely.Audit;
using Sentrely.Auth;
using Sentrely.Aws;
using Sentrely.Aws.Credentials;
using Sentrely.Aws.Tools.S3;
using Sentrely.Configuration;
using Sentrely.Credentials;
using Sentrely.Limits;
using Sentrely.Mcp.Cli;
using Sentrely.Mcp.Tools;
using Sentrely.Pipeline;
using Sentrely.Policy;
using Sentrely.Sessions;
using Sentrely.Stores;
using Sentrely.Stores.Sqlite;

namespace Sentrely.Mcp.Hosting;

/// <summary>Composes one server's pipeline: the tools, the stages in <see cref="StageOrder"/>, the audit store and the credential vendor.</summary>
internal sealed class SentrelyRuntime : IAsyncDisposable
{
    public const string Version = "0.1.0";

    private readonly ISentrelyStore _store;
    private readonly BrokerCredentialVendor _broker;
    private readonly LiveReload _reload;
    private readonly SessionLifecycle _lifecycle;
    private readonly WebhookNotifier _notifier;
    private readonly ILogger _logger;

    private SentrelyRuntime(
        ToolCallPipeline pipeline, McpSessions sessions, ISentrelyStore store, string storePath, BrokerCredentialVendor broker, LiveReload reload, SessionLifecycle lifecycle, WebhookNotifier notifier, ILogger logger)
    {
        _notifier = notifier;
        _lifecycle = lifecycle;
        _logger = logger;
        _broker = broker;
        _reload = reload;
        Pipeline = pipeline;
        Sessions = sessions;
        _store = store;
        StorePath = storePath;
    }

    public ToolCallPipeline Pipeline { get; }

    public McpSessions Sessions { get; }

    public string StorePath { get; }

    /// <summary>Gets the store: audit log, sessions, approvals, tokens (and, on PostgreSQL, the shared limits).</summary>
    public ISentrelyStore Store => _store;

    /// <summary>Gets the SQLite audit file, or null on PostgreSQL (tests inject store faults through it).</summary>
    public SqliteAuditStore? AuditStore => (_store as SqliteStore)?.File;

    /// <summary>Gets the configuration file reloaded live, or null for a built-in configuration.</summary>
    public string? WatchedConfig => _reload.WatchedPath;

    /// <exception cref="StartupAuditException">The audit store cannot record the configuration load.</exception>
    public static async ValueTask<SentrelyRuntime> CreateAsync(ServerSetup setup, ILoggerFactory loggerFactory, TimeProvider time)
    {
        var (config, tools, transport, _, storePath, baseCredentials, _) = setup;
        var endpoints = new AwsEndpoints(config.Aws, Environment.GetEnvironmentVariable);
        var clients = new AwsClientFactory(config.Aws, endpoints);
        tools.Bind(config, clients);

        var store = StoreFactory.Open(config, storePath, time, ReadAuditSigner(), sandbox: transport.StartsWith("sandbox", StringComparison.Ordinal));
        tools.UseSharedLimits(store.RateLimits, store.Ledger);
        var broker = new BrokerCredentialVendor(clients, baseCredentials ?? (() => BaseCredentialsResolver.Resolve(config.Aws)), time);
        ICredentialVendor vendor = broker;
        if (config.Aws.Credentials.Reuse == CredentialReuse.PerScope)
        {
            vendor = new CachingCredentialVendor(vendor, time);
        }

        // A killed session's cached credentials are discarded at the refusal, so none outlive the kill in memory.
        var registry = store.Sessions;
        var killSwitch = new KillSwitchStage(registry, _ => (vendor as CachingCredentialVendor)?.Clear(), time, loggerFactory.CreateLogger<KillSwitchStage>());

        // Approval requests live in the store the `sentrely approvals` CLI (and every other server) reads.
        var notifier = new WebhookNotifier(null, loggerFactory.CreateLogger<WebhookNotifier>(), time);
        var approval = new ApprovalStage(
            store.Approvals, notifier, new LaunchCostEstimate(tools.Ledger), killSwitch, time, loggerFactory.CreateLogger<ApprovalStage>(), ReviewerCliOptions(config, transport));

        // The limit state is the tools' (one per server process), so list-permissions reports what the stages enforce.
        var pipeline = new ToolCallPipeline(
            tools.Registry,
            [.. Stages(tools.RateLimits, tools.Ledger, killSwitch, approval), new PackageVersionStage(vendor, new S3ObjectVersionLookup(clients))],
            () => tools.Configuration,
            new AuditTrail(store.Audit, time),
            vendor,
            time,
            loggerFactory.CreateLogger<ToolCallPipeline>(),
            [new InstanceLedgerObserver(tools.Ledger, time)]);
        var sessions = new McpSessions(config.Identity, config.Files, transport, transport.EndsWith("http", StringComparison.Ordinal) ? registry : null, time, config.Server);
        LiveReload? reload = null;
        SessionLifecycle lifecycle;
        var logger = loggerFactory.CreateLogger("Sentrely");
        try
        {
            reload = await LiveReload.StartAsync(setup, tools.Holder, store.Audit, sessions.SessionId, loggerFactory, time, CancellationToken.None);
            lifecycle = await SessionLifecycle.StartAsync(store, registry, sessions.SessionId, config.Identity, transport, logger, time);
        }
        catch
        {
            reload?.Dispose();
            await notifier.DisposeAsync();
            broker.Dispose();
            await store.DisposeAsync();
            throw;
        }

        return new SentrelyRuntime(pipeline, sessions, store, storePath, broker, reload!, lifecycle, notifier, logger);
    }

    // A stdio refusal names the command for the human to run; it must reach this server's store: the sandbox's, or
    // the one of a configuration that is not the default. (Team-server reviewers use --server or the console.)
    private static string ReviewerCliOptions(SentrelyConfig config, string transport)
    {
        if (transport.StartsWith("sandbox", StringComparison.Ordinal))
        {
            return " --sandbox";
        }

        return transport == "stdio" && config.SourcePath is { } path && path != ConfigLocator.DefaultPath(Environment.GetEnvironmentVariable)
            ? " --config " + Cli.Setup.ServerLaunch.Quote(path)
            : "";
    }

    /// <summary>Returns the middle stages of the pipeline; <see cref="StageOrder"/> decides their order.</summary>
    /// <param name="rateLimits">The rate-limit buckets: one store per server process.</param>
    /// <param name="ledger">The instances Sentrely launched: one ledger per server process.</param>
    /// <param name="killSwitch">The kill-switch stage over the shared session registry.</param>
    /// <param name="approval">The approval stage (<see cref="ApprovalStage"/>, or <see cref="ApprovalPreviewStage"/> to explain without asking).</param>
    public static IToolCallStage[] Stages(IRateLimitStore rateLimits, IInstanceLedger ledger, KillSwitchStage killSwitch, IToolCallStage approval) =>
    [
        killSwitch, new CallerScopeStage(),
        new ArgumentValidationStage(), new PolicyStage(), new CostLimitStage(ledger), approval, new CredentialScopeStage(),
        new RateLimitStage(rateLimits), new CostLimitReservationStage(ledger),
    ];

    /// <summary>Returns the signer for <see cref="AuditSigner.KeyVariable"/>, or null; a malformed key stops the server (the message never holds the key).</summary>
    /// <exception cref="StartupAuditException">The key is set but unusable.</exception>
    public static AuditSigner? ReadAuditSigner()
    {
        try
        {
            return AuditSigner.FromEnvironment(Environment.GetEnvironmentVariable);
        }
        catch (FormatException ex)
        {
            throw new StartupAuditException($"{ex.Message} Sentrely does not serve with an audit key it cannot use: fix or unset it.", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reload.Dispose();
        await _lifecycle.EndAsync(_logger);
        await _notifier.DisposeAsync();
        _broker.Dispose();
        await _store.DisposeAsync();
    }
}
