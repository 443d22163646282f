using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Sentrely.Mcp.Hosting;

/// <summary>Options that never change, for the logging providers built without a DI container (<see cref="StderrLogging"/>).</summary>
/// <typeparam name="T">The options type.</typeparam>
internal sealed class FixedOptionsMonitor<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
