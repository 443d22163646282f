using Sentrely.Aws;
using Sentrely.Aws.Tools;
using Sentrely.Configuration;
using Sentrely.Invocation;
using Sentrely.Limits;
using Sentrely.Pipeline;
using Sentrely.Policy;

namespace Sentrely.Mcp.Hosting;

/// <summary>
/// The curated tools — embedded manifests paired with their handlers — created before the configuration is
/// loaded, because validating the configuration needs the tools' names and arguments. It also holds the limit state
/// (rate-limit buckets, launched instances) that the pipeline and list-permissions share: the store's, once bound.
/// </summary>
internal sealed class SentrelyTools
{
    private readonly SwitchableRateLimitStore _rateLimits = new(new InMemoryRateLimitStore(TimeProvider.System));
    private readonly SwitchableInstanceLedger _ledger = new(new InMemoryInstanceLedger(TimeProvider.System));
    private ConfigurationHolder? _holder;
    private AwsClientFactory? _clients;

    public SentrelyTools()
    {
        var manifests = EmbeddedManifests.Load();
        IToolHandler[] handlers =
        [
            .. AwsToolHandlers.Create(() => _clients ?? throw new InvalidOperationException("the configuration is not loaded"), TimeProvider.System),
            new ListPermissionsHandler(() => Configuration, () => manifests, RateLimits, Ledger),
        ];
        Registry = ToolRegistry.Create(manifests, handlers);
        Catalog = ToolCatalog.From(Registry.Tools);
    }

    public ToolRegistry Registry { get; }

    /// <summary>Gets the rate-limit buckets: this process's, until <see cref="UseSharedLimits"/> binds the store's.</summary>
    public IRateLimitStore RateLimits => _rateLimits;

    /// <summary>Gets the instances Sentrely launched, which cost limits count: this process's, until <see cref="UseSharedLimits"/> binds the store's.</summary>
    public IInstanceLedger Ledger => _ledger;

    /// <summary>Binds the store's limit state (shared by every process, session and replica on it); call before the first tool call.</summary>
    public void UseSharedLimits(IRateLimitStore? rateLimits, IInstanceLedger? ledger)
    {
        _rateLimits.Inner = rateLimits ?? _rateLimits.Inner;
        _ledger.Inner = ledger ?? _ledger.Inner;
    }

    /// <summary>Gets the tools and argument names configuration rules may refer to.</summary>
    public ToolCatalog Catalog { get; }

    /// <summary>Gets the holder of the configuration in force; a reload swaps its snapshot.</summary>
    public ConfigurationHolder Holder => _holder ?? throw new InvalidOperationException("the configuration is not loaded");

    public ActiveConfiguration Configuration => Holder.Current;

    /// <summary>Binds the loaded configuration: from now on calls use it.</summary>
    public void Bind(SentrelyConfig config, AwsClientFactory clients)
    {
        _clients = clients;
        _holder = new ConfigurationHolder(ActiveConfiguration.From(config));
    }
}
