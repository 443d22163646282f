using Sentrely.Approval;
using Sentrely.Sessions;

namespace Sentrely.Stores.Tests.Approvals;

/// <summary>The contract every <see cref="IApprovalStore"/> meets; one subclass per implementation.</summary>
public abstract partial class ApprovalStoreContractTests : IAsyncLifetime
{
    protected const string FingerprintA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    protected const string FingerprintB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    protected static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    protected static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    protected static readonly TimeSpan Validity = TimeSpan.FromMinutes(10);

    /// <summary>Creates a store; every call gives another instance over this test's data.</summary>
    protected abstract IApprovalStore CreateStore();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Open_NoLiveRequest_InsertsAndGetReturnsEveryField()
    {
        // Arrange
        var store = CreateStore();
        var candidate = Candidate(FingerprintA, Start) with
        {
            Resources = ["arn:aws:s3:::builds/app.zip", "arn:aws:s3:::builds/ü \"q\""],
            RuleIds = ["prod-writes"],
            Via = ApprovalVia.Reviewer,
        };

        // Act
        var (record, created) = await store.OpenAsync(candidate, Start, default);
        var read = await store.GetAsync(candidate.Id, default);

        // Assert
        Assert.True(created);
        Assert.Equal(candidate, record);
        Assert.NotNull(read);
        Assert.Equal(candidate with { Resources = [], RuleIds = [] }, read with { Resources = [], RuleIds = [] });
        Assert.Equal(candidate.Resources, read.Resources);
        Assert.Equal(candidate.RuleIds, read.RuleIds);
    }

    [Fact]
    public async Task Open_SameFingerprintAgain_ReturnsTheLiveRecordNotCreated()
    {
        // Arrange
        var store = CreateStore();
        var first = Candidate(FingerprintA, Start);
        await store.OpenAsync(first, Start, default);

        // Act
        var (record, created) = await store.OpenAsync(Candidate(FingerprintA, Start.AddMinutes(1)), Start.AddMinutes(1), default);

        // Assert
        Assert.False(created);
        Assert.Equal(first.Id, record.Id);
        Assert.Single(await store.ListAsync(all: true, Start.AddMinutes(1), default));
    }

    [Fact]
    public async Task Open_DifferentFingerprint_CreatesItsOwn()
    {
        // Arrange
        var store = CreateStore();
        var a = Candidate(FingerprintA, Start);
        await store.OpenAsync(a, Start, default);
        var b = Candidate(FingerprintB, Start);

        // Act
        var (record, created) = await store.OpenAsync(b, Start, default);

        // Assert
        Assert.True(created);
        Assert.Equal(b.Id, record.Id);
        Assert.Equal(2, (await store.ListAsync(all: true, Start, default)).Count);
    }

    [Fact]
    public async Task Open_PendingExpired_CreatesNew()
    {
        // Arrange
        var store = CreateStore();
        var old = Candidate(FingerprintA, Start);
        await store.OpenAsync(old, Start, default);
        var later = Start + Lifetime;
        var fresh = Candidate(FingerprintA, later);

        // Act
        var (record, created) = await store.OpenAsync(fresh, later, default);

        // Assert
        Assert.True(created);
        Assert.Equal(fresh.Id, record.Id);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Open_DecidedAndUnexpired_ReturnsTheDecidedRecord(bool approve)
    {
        // Arrange
        var store = CreateStore();
        var request = Candidate(FingerprintA, Start);
        await store.OpenAsync(request, Start, default);
        await store.DecideAsync(request.Id, approve, "alex", null, Start.AddMinutes(1), Validity, default);

        // Act
        var (record, created) = await store.OpenAsync(Candidate(FingerprintA, Start.AddMinutes(2)), Start.AddMinutes(2), default);

        // Assert
        Assert.False(created);
        Assert.Equal((request.Id, approve ? ApprovalStatus.Approved : ApprovalStatus.Denied), (record.Id, record.Status));
    }

    [Fact]
    public async Task Open_AfterApprovalUsed_CreatesNewPending()
    {
        // Arrange
        var store = CreateStore();
        var request = Candidate(FingerprintA, Start);
        await store.OpenAsync(request, Start, default);
        await store.DecideAsync(request.Id, true, "alex", null, Start.AddMinutes(1), Validity, default);
        Assert.NotNull(await store.ConsumeAsync(FingerprintA, "call_1", Start.AddMinutes(2), default));
        var again = Candidate(FingerprintA, Start.AddMinutes(3));

        // Act
        var (record, created) = await store.OpenAsync(again, Start.AddMinutes(3), default);

        // Assert
        Assert.True(created);
        Assert.Equal((again.Id, ApprovalStatus.Pending), (record.Id, record.Status));
    }

    [Fact]
    public async Task Open_CandidateNotPending_Throws()
    {
        var store = CreateStore();

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.OpenAsync(Candidate(FingerprintA, Start) with { Status = ApprovalStatus.Approved }, Start, default));

        Assert.Empty(await store.ListAsync(all: true, Start, default));
    }

    [Fact]
    public async Task Get_UnknownId_Null()
    {
        var store = CreateStore();

        var record = await store.GetAsync("apr_doesnotexist0000000", default);

        Assert.Null(record);
    }

    protected static ApprovalRecord Candidate(string fingerprint, DateTimeOffset created) => new()
    {
        Id = Identifiers.NewApprovalId(),
        Fingerprint = fingerprint,
        SessionId = "sess_jordan0000000000000",
        Developer = "jordan",
        Project = "backend-api",
        Tool = "put-build-artifact",
        Arguments = """{"bucket":"builds","key":"app.zip","content":{"size":12,"sha256":"00"}}""",
        Via = ApprovalVia.Session,
        Summary = "rule prod-writes requires approval",
        Created = created,
        Expires = created + Lifetime,
    };
}
