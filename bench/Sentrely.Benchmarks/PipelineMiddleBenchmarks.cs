using System.Reflection;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Sentrely.Approval;
using Sentrely.Arguments;
using Sentrely.Aws.Tools;
using Sentrely.Configuration;
using Sentrely.Credentials;
using Sentrely.Invocation;
using Sentrely.Limits;
using Sentrely.Manifests;
using Sentrely.Pipeline;
using Sentrely.Policy;
using Sentrely.Sessions;

namespace Sentrely.Benchmarks;

/// <summary>
/// The middle of the pipeline for one <c>get-build-artifact</c> call — argument validation, ARN building, the
/// 200-rule policy, approval, the per-call session policy — with the real manifests and argument rules; no audit
/// write, no STS, no AWS.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class PipelineMiddleBenchmarks
{
    private readonly RegisteredTool _tool;
    private readonly ActiveConfiguration _configuration;
    private readonly IToolCallStage[] _stages = [.. new IToolCallStage[] { new ArgumentValidationStage(), new PolicyStage(), new ApprovalPreviewStage(), new CredentialScopeStage() }.OrderBy(s => s.Order)];
    private readonly ToolCallRequest _request;

    public PipelineMiddleBenchmarks()
    {
        var manifests = LoadManifests();
        var config = new SentrelyConfig
        {
            Aws = new AwsConfig
            {
                AccountId = "111122223333",
                Roles = new Dictionary<string, string>
                {
                    ["read"] = "arn:aws:iam::111122223333:role/sentrely-agent-read",
                    ["deploy"] = "arn:aws:iam::111122223333:role/sentrely-agent-deploy",
                },
            },
            Policy = new PolicyConfig { Rules = BenchmarkPolicy.Rules() },
        };
        _configuration = ActiveConfiguration.From(config);
        IToolHandler[] handlers =
        [
            .. AwsToolHandlers.Create(() => throw new InvalidOperationException("the benchmark makes no AWS call"), TimeProvider.System),
            new ListPermissionsHandler(() => _configuration, () => manifests, new InMemoryRateLimitStore(TimeProvider.System), new InMemoryInstanceLedger(TimeProvider.System)),
        ];
        _tool = ToolRegistry.Create(manifests, handlers).Find("get-build-artifact")!;
        var session = new SessionContext("sess_bench000000000000000", "jordan", "backend-api", "agent", "bench", "1.0", "stdio");
        var arguments = JsonDocument.Parse($$"""{"bucket":"{{BenchmarkPolicy.Bucket}}","key":"{{BenchmarkPolicy.Key}}"}""").RootElement;
        _request = new ToolCallRequest(session, "get-build-artifact", arguments, NoProgress.Instance, NoRoots.Instance);
    }

    [GlobalSetup]
    public async Task Check()
    {
        var context = await RunAsync();
        if (context.Decision is not { Allowed: true } || context.CredentialRequest is null)
        {
            throw new InvalidOperationException($"the benchmark call must reach credential vending: {context.Decision?.Reason}");
        }
    }

    [Benchmark]
    public async Task<ToolCallContext> ValidatePolicyApproveScope() => await RunAsync();

    private static IReadOnlyList<ToolManifest> LoadManifests()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = new List<(string, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("manifests/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            files.Add((name, reader.ReadToEnd()));
        }

        return ToolManifestLoader.Load(files);
    }

    private async ValueTask<ToolCallContext> RunAsync()
    {
        var context = new ToolCallContext(_request, "call_bench000000", _configuration) { Tool = _tool };
        foreach (var stage in _stages)
        {
            if (await stage.ExecuteAsync(context, CancellationToken.None) is { } rejection)
            {
                throw new InvalidOperationException(rejection.Reason);
            }
        }

        return context;
    }

    private sealed class NoProgress : IProgressReporter
    {
        public static NoProgress Instance { get; } = new();

        public void Report(double progress, double? total, string message)
        {
        }
    }

    private sealed class NoRoots : IFileRootProvider
    {
        public static NoRoots Instance { get; } = new();

        public ValueTask<IReadOnlyList<string>> GetRootsAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<string>>([]);
    }
}
