using Amazon.SecurityToken.Model;

namespace Sentrely.Sandbox.Tests.Hosting;

[CollectionDefinition(nameof(StdoutCollection), DisableParallelization = true)]
public sealed class StdoutCollection;

[Collection(nameof(StdoutCollection))]
public sealed class StdoutTests
{
    [Fact]
    public async Task StartServeStop_WritesNothingToStdoutOrStderr()
    {
        // Arrange
        var (originalOut, originalError) = (Console.Out, Console.Error);
        using var captured = new StringWriter();
        Console.SetOut(captured);
        Console.SetError(captured);
        try
        {
            // Act
            await using (var aws = await AwsTestDouble.StartAsync(new AwsTestDoubleOptions { Port = 0 }))
            {
                using var sts = Clients.Sts(aws);
                await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
                using var http = new HttpClient { BaseAddress = aws.Endpoint };
                using var refused = await http.GetAsync("x/y");
            }
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }

        // Assert
        Assert.Equal(string.Empty, captured.ToString());
    }
}
