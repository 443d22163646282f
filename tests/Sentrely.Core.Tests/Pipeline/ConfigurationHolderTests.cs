using Sentrely.Configuration;
using Sentrely.Pipeline;
using Sentrely.Policy;

namespace Sentrely.Core.Tests.Pipeline;

public sealed class ConfigurationHolderTests
{
    private const string Call = """{"bucket":"b","key":"k"}""";

    private static readonly PolicyRule[] Allowing =
    [
        new() { Id = "p-1", Effect = PolicyEffect.Allow, Tools = ["put-thing"] },
        new() { Id = "p-2", Effect = PolicyEffect.Allow, Tools = ["put-*"], Resources = ["arn:aws:s3:::b/*"] },
    ];

    private static readonly PolicyRule[] Denying =
    [
        new() { Id = "q-allow", Effect = PolicyEffect.Allow, Tools = ["*"] },
        new() { Id = "q-deny", Effect = PolicyEffect.Deny, Tools = ["put-thing"] },
    ];

    [Fact]
    public void Swap_ReturnsPreviousAndPublishesNext()
    {
        // Arrange
        var first = ActiveConfiguration.From(new SentrelyConfig());
        var second = ActiveConfiguration.From(new SentrelyConfig());
        var holder = new ConfigurationHolder(first);

        // Act
        var previous = holder.Swap(second);

        // Assert
        Assert.Same(first, previous);
        Assert.Same(second, holder.Current);
    }

    [Fact]
    public async Task Pipeline_PolicySwappedDuringCalls_EveryDecisionIsOneWholePolicys()
    {
        // Arrange
        var fixture = new PipelineFixture(Allowing);
        var allowing = fixture.Holder.Current;
        var denying = ActiveConfiguration.From(fixture.Config with { Policy = new PolicyConfig { Rules = Denying } });
        using var stop = new CancellationTokenSource();
        var swaps = 0;
        var swapper = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                fixture.Holder.Swap(Interlocked.Increment(ref swaps) % 2 == 0 ? allowing : denying);
            }
        });
        SpinWait.SpinUntil(() => Volatile.Read(ref swaps) > 0, TimeSpan.FromSeconds(10));

        // Act
        var seen = new List<(string Decision, string RuleIds)>();
        for (var i = 0; i < 2000 && (i < 400 || seen.Distinct().Count() < 2); i++)
        {
            var outcome = await fixture.CallAsync("put-thing", Call);
            seen.Add((outcome.Decision, string.Join(",", outcome.RuleIds)));
        }

        await stop.CancelAsync();
        await swapper;

        // Assert
        Assert.All(seen, s => Assert.Contains(s, new[] { ("allow", "p-1,p-2"), ("deny", "q-deny") }));
        Assert.Equal(2, seen.Distinct().Count());
    }
}
