using Sentrely.Approval;

namespace Sentrely.Stores.Tests.Approvals;

/// <content>Deciding requests and listing them.</content>
public abstract partial class ApprovalStoreContractTests
{
    [Fact]
    public async Task Decide_Approve_SetsStatusByReasonDecidedAndNewExpiry()
    {
        // Arrange
        var store = CreateStore();
        var request = Candidate(FingerprintA, Start);
        await store.OpenAsync(request, Start, default);
        var now = Start.AddMinutes(5);

        // Act
        var decided = await store.DecideAsync(request.Id, true, "alex", "release window", now, Validity, default);

        // Assert
        var expected = request with { Status = ApprovalStatus.Approved, DecidedBy = "alex", DecisionReason = "release window", Decided = now, Expires = now + Validity };
        Assert.Equal(Strip(expected), Strip(decided));
        Assert.Equal(Strip(expected), Strip(await store.GetAsync(request.Id, default)));
    }

    [Fact]
    public async Task Decide_Deny_KeepsExpiry()
    {
        // Arrange
        var store = CreateStore();
        var request = Candidate(FingerprintA, Start);
        await store.OpenAsync(request, Start, default);
        var now = Start.AddMinutes(5);

        // Act
        var decided = await store.DecideAsync(request.Id, false, "alex", null, now, Validity, default);

        // Assert
        Assert.NotNull(decided);
        Assert.Equal((ApprovalStatus.Denied, "alex", (string?)null, (DateTimeOffset?)now, request.Expires), (decided.Status, decided.DecidedBy, decided.DecisionReason, decided.Decided, decided.Expires));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task Decide_Twice_SecondNullAndFirstStands(bool first, bool second)
    {
        // Arrange
        var store = CreateStore();
        var request = Candidate(FingerprintA, Start);
        await store.OpenAsync(request, Start, default);
        await store.DecideAsync(request.Id, first, "alex", null, Start.AddMinutes(1), Validity, default);

        // Act
        var again = await store.DecideAsync(request.Id, second, "sam", null, Start.AddMinutes(2), Validity, default);

        // Assert
        Assert.Null(again);
        var stored = await store.GetAsync(request.Id, default);
        Assert.Equal((first ? ApprovalStatus.Approved : ApprovalStatus.Denied, "alex"), (stored!.Status, stored.DecidedBy));
    }

    [Fact]
    public async Task Decide_RequestExpired_NullAndStillPending()
    {
        // Arrange
        var store = CreateStore();
        var request = Candidate(FingerprintA, Start);
        await store.OpenAsync(request, Start, default);

        // Act
        var decided = await store.DecideAsync(request.Id, true, "alex", null, request.Expires, Validity, default);

        // Assert
        Assert.Null(decided);
        Assert.Equal(ApprovalStatus.Pending, (await store.GetAsync(request.Id, default))!.Status);
    }

    [Fact]
    public async Task Decide_UnknownId_Null()
    {
        var store = CreateStore();

        var decided = await store.DecideAsync("apr_doesnotexist0000000", true, "alex", null, Start, Validity, default);

        Assert.Null(decided);
    }

    [Fact]
    public async Task List_PendingOnly_UnexpiredPendingNewestFirst()
    {
        // Arrange
        var (store, ids) = await FiveRequestsAsync();

        // Act
        var pending = await store.ListAsync(all: false, Start.AddMinutes(16), default);

        // Assert: the expired one (made at Start), the approved and the denied ones are left out.
        Assert.Equal([ids[4], ids[3]], pending.Select(r => r.Id));
    }

    [Fact]
    public async Task List_All_EveryRequestNewestFirst()
    {
        // Arrange
        var (store, ids) = await FiveRequestsAsync();

        // Act
        var all = await store.ListAsync(all: true, Start.AddMinutes(16), default);

        // Assert
        Assert.Equal(ids.Reverse(), all.Select(r => r.Id));
    }

    // Five requests a minute apart: 0 pending (expires at 15), 1 approved, 2 denied, 3 and 4 pending.
    private async Task<(IApprovalStore Store, string[] Ids)> FiveRequestsAsync()
    {
        var store = CreateStore();
        var fingerprints = new[] { FingerprintA, FingerprintB, "c", "d", "e" };
        var ids = new string[5];
        for (var i = 0; i < 5; i++)
        {
            var request = Candidate(fingerprints[i], Start.AddMinutes(i));
            await store.OpenAsync(request, request.Created, default);
            ids[i] = request.Id;
        }

        await store.DecideAsync(ids[1], true, "alex", null, Start.AddMinutes(6), TimeSpan.FromHours(1), default);
        await store.DecideAsync(ids[2], false, "alex", null, Start.AddMinutes(6), Validity, default);
        return (store, ids);
    }

    // Records hold lists, which compare by reference; compare them as content instead.
    private static object? Strip(ApprovalRecord? r) =>
        r is null ? null : (r with { Resources = [], RuleIds = [] }, string.Join('|', r.Resources), string.Join('|', r.RuleIds));
}
