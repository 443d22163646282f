using Sentrely.Arguments;
using Sentrely.Invocation;
using Sentrely.Limits;
using Sentrely.Pipeline;
using Sentrely.Policy;

namespace Sentrely.Core.Tests.Policy;

/// <summary>list-permissions tells the agent about the new rule parts: excluded resources, case folding, map and content conditions.</summary>
public sealed class ListPermissionsConditionTests
{
    [Fact]
    public async Task InvokeAsync_DenyWithNotResourcesAndCaseFolding_DescribesThem()
    {
        // Arrange
        var config = PolicyTestSupport.Config("""
                - id: all
                  effect: allow
                  tools: ["*"]
                - id: only-mine
                  effect: deny
                  tools: [stop-instances]
                  notResources: ["arn:aws:ec2:us-east-1:111122223333:instance/i-0aaaaaaaaaaaaaaaa"]
                  caseInsensitive: true
                - id: team-tags
                  effect: deny
                  tools: [run-instances]
                  when: { tags: { Team: { not: [web] } }, instanceType: { absent: false } }
            """);
        var handler = new ListPermissionsHandler(
            () => ActiveConfiguration.From(config), () => PolicyTestSupport.Manifests, new InMemoryRateLimitStore(TimeProvider.System), new InMemoryInstanceLedger(TimeProvider.System));
        var session = PolicyExplainer.Session("jordan", "backend-api");

        // Act
        var result = await handler.InvokeAsync(new ToolInvocation(session, new ValidatedArguments { Typed = new ListPermissionsArguments(), Values = new Dictionary<string, IReadOnlyList<string>>() }, null, SilentProgress.Instance), default);

        // Assert
        var text = result.Structured!.Value.GetRawText();
        Assert.Contains("resource not in [arn:aws:ec2:us-east-1:111122223333:instance/i-0aaaaaaaaaaaaaaaa]", text, StringComparison.Ordinal);
        Assert.Contains("globs compared case-insensitively", text, StringComparison.Ordinal);
        Assert.Contains("tags has Team not in [web]", text, StringComparison.Ordinal);
        Assert.Contains("instanceType given", text, StringComparison.Ordinal);
    }
}
