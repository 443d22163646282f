using Sentrely.Limits;

namespace Sentrely.Stores.Tests.Limits;

/// <summary>The SQLite backend keeps the ledger in the process: <see cref="InMemoryInstanceLedger"/>.</summary>
public sealed class InMemoryInstanceLedgerContractTests : InstanceLedgerContractTests
{
    private InMemoryInstanceLedger? _ledger;

    protected override IInstanceLedger CreateLedger() => _ledger ??= new InMemoryInstanceLedger(Time);
}
