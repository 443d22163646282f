using Sentrely.Approval;
using Sentrely.TestUtilities;

namespace Sentrely.Stores.Tests.Approvals;

public sealed class InMemoryApprovalStoreTests : ApprovalStoreContractTests
{
    private readonly InMemoryApprovalStore _store = new();

    protected override IApprovalStore CreateStore() => _store;

    [Fact]
    public async Task Broken_EveryCall_ThrowsInvalidOperation()
    {
        _store.Broken = true;

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await _store.OpenAsync(Candidate(FingerprintA, Start), Start, default));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await _store.GetAsync("apr_x", default));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await _store.ListAsync(true, Start, default));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await _store.DecideAsync("apr_x", true, "alex", null, Start, Validity, default));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await _store.ConsumeAsync(FingerprintA, "call_1", Start, default));
    }
}
