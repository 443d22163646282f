using System.Text.Json;
using Sentrely.Arguments;
using Sentrely.Arguments.Tests;
using Sentrely.Aws.Tools;

namespace Sentrely.Core.Tests.Fuzz;

/// <summary>Refusals found by fuzzing (fuzz/corpus/arguments/crash-*) that echoed the caller's control characters raw.</summary>
public sealed class RefusalTextTests
{
    private static readonly ArgumentContext Context = new("aws", "us-east-1", "111122223333", new TempFileTree.Roots([]));

    [Theory]
    [InlineData("get-build-artifact", """{"b\u007Fcket":"my-app-deployments","key":"k"}""", "\\u007F")]
    [InlineData("get-function", """{"functionNa\u0000me":"f"}""", "\\u0000")]
    [InlineData("describe-instances", """{"filters":[{"name":"i\u0000nstance-state-name","values":["running"]}]}""", "\\u0000")]
    public async Task ValidateAsync_NameWithControlCharacter_RefusalEscapesIt(string tool, string arguments, string escaped)
    {
        // Arrange
        var handler = AwsToolHandlers.Create(() => throw new InvalidOperationException("validation only"), TimeProvider.System).Single(h => h.Name == tool);
        using var document = JsonDocument.Parse(arguments);

        // Act
        var result = await handler.ValidateAsync(document.RootElement, Context, CancellationToken.None);

        // Assert
        Assert.Null(result.Arguments);
        Assert.All(result.Errors, e => Assert.DoesNotContain(e, char.IsControl));
        Assert.Contains(result.Errors, e => e.Contains(escaped, StringComparison.Ordinal));
    }
}
