using Microsoft.Extensions.Hosting;

namespace Sentrely.Sandbox.Http;

/// <summary>Keeps the embedded host away from Ctrl+C and console messages: its owner decides when it stops.</summary>
internal sealed class NoopHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
