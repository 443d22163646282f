using Sentrely.Limits;

namespace Sentrely.Stores.Tests.Limits;

/// <summary>The SQLite backend keeps rate limits in the process: <see cref="InMemoryRateLimitStore"/>.</summary>
public sealed class InMemoryRateLimitStoreContractTests : RateLimitStoreContractTests
{
    private InMemoryRateLimitStore? _store;

    protected override IRateLimitStore CreateStore() => _store ??= new InMemoryRateLimitStore(Time);
}
