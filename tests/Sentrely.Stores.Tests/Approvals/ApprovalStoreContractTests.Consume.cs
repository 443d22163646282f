using Sentrely.Approval;

namespace Sentrely.Stores.Tests.Approvals;

/// <content>Using approvals.</content>
public abstract partial class ApprovalStoreContractTests
{
    [Fact]
    public async Task Consume_Approved_ReturnsItOnceThenNull()
    {
        // Arrange
        var store = CreateStore();
        var request = await ApprovedAsync(store, FingerprintA);

        // Act
        var first = await store.ConsumeAsync(FingerprintA, "call_1", Start.AddMinutes(2), default);
        var second = await store.ConsumeAsync(FingerprintA, "call_2", Start.AddMinutes(3), default);

        // Assert
        Assert.NotNull(first);
        Assert.Equal((request.Id, ApprovalStatus.Used, "call_1"), (first.Id, first.Status, first.UsedByCallId));
        Assert.Null(second);
        var stored = await store.GetAsync(request.Id, default);
        Assert.Equal((ApprovalStatus.Used, "call_1"), (stored!.Status, stored.UsedByCallId));
    }

    [Fact]
    public async Task Consume_ApprovalExpired_Null()
    {
        // Arrange
        var store = CreateStore();
        var request = await ApprovedAsync(store, FingerprintA);

        // Act
        var used = await store.ConsumeAsync(FingerprintA, "call_1", request.Expires, default);

        // Assert
        Assert.Null(used);
        Assert.Equal(ApprovalStatus.Approved, (await store.GetAsync(request.Id, default))!.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(false)]
    public async Task Consume_PendingOrDenied_Null(bool? decision)
    {
        // Arrange
        var store = CreateStore();
        var request = Candidate(FingerprintA, Start);
        await store.OpenAsync(request, Start, default);
        if (decision is { } approve)
        {
            await store.DecideAsync(request.Id, approve, "alex", null, Start.AddMinutes(1), Validity, default);
        }

        // Act
        var used = await store.ConsumeAsync(FingerprintA, "call_1", Start.AddMinutes(2), default);

        // Assert
        Assert.Null(used);
        Assert.NotEqual(ApprovalStatus.Used, (await store.GetAsync(request.Id, default))!.Status);
    }

    [Fact]
    public async Task Consume_OtherFingerprint_NullAndApprovalKept()
    {
        // Arrange
        var store = CreateStore();
        var b = await ApprovedAsync(store, FingerprintB);

        // Act
        var used = await store.ConsumeAsync(FingerprintA, "call_1", Start.AddMinutes(2), default);

        // Assert
        Assert.Null(used);
        Assert.Equal(ApprovalStatus.Approved, (await store.GetAsync(b.Id, default))!.Status);
        Assert.Equal(b.Id, (await store.ConsumeAsync(FingerprintB, "call_2", Start.AddMinutes(2), default))?.Id);
    }

    private static async Task<ApprovalRecord> ApprovedAsync(IApprovalStore store, string fingerprint)
    {
        var request = Candidate(fingerprint, Start);
        await store.OpenAsync(request, Start, default);
        return (await store.DecideAsync(request.Id, true, "alex", null, Start.AddMinutes(1), Validity, default))!;
    }
}
