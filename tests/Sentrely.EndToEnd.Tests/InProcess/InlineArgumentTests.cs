using System.Text.Json;
using Sentrely.Pipeline;
using Sentrely.Sandbox;

namespace Sentrely.EndToEnd.Tests.InProcess;

/// <summary>A malformed <c>contentType</c> and oversized inline content are refused during validation: no credentials are vended, no AWS request is made.</summary>
public sealed class InlineArgumentTests : IClassFixture<SandboxWorld>, IAsyncLifetime
{
    private readonly SandboxWorld _world;
    private InProcessSentrely _sentrely = null!;

    public InlineArgumentTests(SandboxWorld world) => _world = world;

    private AwsTestDouble Aws => _world.Double;

    public async Task InitializeAsync() => _sentrely = await InProcessSentrely.StartAsync(_world);

    public async Task DisposeAsync() => await _sentrely.DisposeAsync();

    [Theory]
    [InlineData("text/plain\r\nx-amz-meta-forged: 1")]
    [InlineData("text/plain\n")]
    [InlineData("not a media type")]
    public async Task PutBuildArtifact_ContentTypeNotAMediaType_RefusedBeforeAnyCredential(string contentType)
    {
        // Act
        var outcome = await RefusedWithoutAwsAsync("put-build-artifact", new Dictionary<string, string>
        {
            ["bucket"] = SandboxWorld.Bucket, ["key"] = "builds/3.0/app.txt", ["text"] = "x", ["contentType"] = contentType,
        });

        // Assert
        Assert.Equal("deny", outcome.Decision);
        Assert.Contains("`contentType` must be a media type", outcome.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', outcome.Message);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("contentBase64")]
    public async Task PutBuildArtifact_InlineContentOver8MiB_Refused(string argument)
    {
        // Arrange: 8 MiB and one byte, decoded.
        var bytes = new byte[(8 * 1024 * 1024) + 1];
        Array.Fill(bytes, (byte)'a');
        var value = argument == "text" ? System.Text.Encoding.ASCII.GetString(bytes) : Convert.ToBase64String(bytes);

        // Act
        var outcome = await RefusedWithoutAwsAsync("put-build-artifact", new Dictionary<string, string>
        {
            ["bucket"] = SandboxWorld.Bucket, ["key"] = "builds/3.0/big.bin", [argument] = value,
        });

        // Assert
        Assert.Contains($"`{argument}` is larger than 8 MiB", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateFunctionCode_ZipBase64Over8MiB_Refused()
    {
        // Act
        var outcome = await RefusedWithoutAwsAsync("update-function-code", new Dictionary<string, string>
        {
            ["functionName"] = SandboxWorld.Function, ["zipBase64"] = Convert.ToBase64String(new byte[(8 * 1024 * 1024) + 1]),
        });

        // Assert
        Assert.Contains("`zipBase64` is larger than 8 MiB", outcome.Message, StringComparison.Ordinal);
    }

    private async Task<ToolCallOutcome> RefusedWithoutAwsAsync(string tool, Dictionary<string, string> arguments)
    {
        Aws.ClearRecords();
        var outcome = await _sentrely.CallAsync(tool, JsonSerializer.Serialize(arguments));
        Assert.True(outcome.IsError, $"{tool} was not refused");
        Assert.Empty(Aws.Requests);
        Assert.Empty(Aws.AssumeRoles);
        return outcome;
    }
}
