using Microsoft.Extensions.Time.Testing;
using Sentrely.Audit;
using Sentrely.Configuration;
using Sentrely.Pipeline;
using Sentrely.Sessions;
using Sentrely.TestUtilities;

namespace Sentrely.Core.Tests.Configuration;

/// <summary>A configuration file in a temporary folder, loaded at "startup", with a holder, an in-memory audit store and a reloader.</summary>
internal sealed class ReloadFixture : IDisposable
{
    public const string DenyAll = "policy:\n  rules:\n    - id: deny-get\n      effect: deny\n      tools: [get-build-artifact]\n";

    public const string AllowGet = "policy:\n  rules:\n    - id: allow-get\n      effect: allow\n      tools: [get-build-artifact]\n      resources: [\"arn:aws:s3:::b/*\"]\n    - id: never-prod\n      effect: deny\n      tools: [\"*\"]\n      resources: [\"arn:aws:*:*:*:*prod*\"]\n";

    // The key `resource` is misspelt: strict loading must reject it (line 6).
    public const string Misspelt = "policy:\n  rules:\n    - id: never-prod\n      effect: deny\n      tools: [\"*\"]\n      resource: [\"arn:aws:*:*:*:*prod*\"]\n";

    public ReloadFixture(string initial = DenyAll, string? awsSection = null)
    {
        Folder = Directory.CreateTempSubdirectory("sentrely-reload-").FullName;
        Path = System.IO.Path.Combine(Folder, "sentrely.yaml");
        Write((awsSection ?? "") + initial);
        Startup = SentrelyConfigLoader.Load(Path, DesignToolCatalog.Instance);
        Holder = new ConfigurationHolder(ActiveConfiguration.From(Startup));
        var session = new SessionContext("sess_reload0000000000000", "jordan", "backend-api", "operator", null, null, "stdio");
        Auditor = new ConfigAuditor(Store, session, Time);
        Reloader = new ConfigReloader(Holder, Startup, DesignToolCatalog.Instance, Auditor, Logger);
    }

    public string Folder { get; }

    public string Path { get; }

    public SentrelyConfig Startup { get; }

    public ConfigurationHolder Holder { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 31, 9, 15, 2, TimeSpan.Zero));

    public InMemoryAuditStore Store { get; } = new();

    public RecordingLogger Logger { get; } = new();

    public ConfigAuditor Auditor { get; }

    public ConfigReloader Reloader { get; }

    public IReadOnlyList<string> RuleIds => Holder.Current.Config.Policy.Rules.Select(r => r.Id).ToArray();

    public void Write(string yaml) => File.WriteAllText(Path, yaml);

    public ValueTask<ConfigReloadResult> ReloadAsync() => Reloader.ReloadAsync(CancellationToken.None);

    public void Dispose()
    {
        Reloader.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
