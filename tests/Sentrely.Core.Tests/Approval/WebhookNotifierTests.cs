using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sentrely.Approval;
using Sentrely.TestUtilities;

namespace Sentrely.Core.Tests.Approval;

public sealed class WebhookNotifierTests
{
    private const string Secret = "s3cr3tT0ken";
    private static readonly TimeSpan[] FastBackoff = [TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(40)];
    private readonly RecordingLogger _logger = new();

    internal static ApprovalRecord Record() => new()
    {
        Id = "apr_7Hq2xK9mP4",
        Fingerprint = new string('a', 64),
        SessionId = "ses_1",
        Developer = "jordan",
        Project = "backend-api",
        Tool = "terminate-instances",
        Arguments = """{"instanceIds":["i-0abc"],"path":{"size":3,"sha256":"x"}}""",
        Resources = ["arn:aws:ec2:us-east-1:111122223333:instance/i-0abc"],
        RuleIds = ["dev-instances"],
        Via = ApprovalVia.Reviewer,
        Summary = "rule `dev-instances` requires a reviewer's approval",
        Created = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero),
        Expires = new DateTimeOffset(2026, 11, 28, 9, 15, 0, TimeSpan.Zero),
    };

    private WebhookNotifier Fast(TimeSpan? attemptTimeout = null, TimeSpan? drain = null) =>
        new(null, _logger, TimeProvider.System, attemptTimeout ?? TimeSpan.FromSeconds(5), FastBackoff, drain ?? TimeSpan.FromSeconds(10));

    private IEnumerable<(LogLevel Level, int EventId, string Message)> Warnings => _logger.Entries.Where(e => e.Level == LogLevel.Warning);

    [Fact]
    public async Task Notify_ReceivingListener_PostsJsonWithEveryFieldAndTheApproveCommand()
    {
        // Arrange
        using var listener = new WebhookListener(200);
        var notifier = new WebhookNotifier(null, NullLogger<WebhookNotifier>.Instance, TimeProvider.System);

        // Act
        notifier.Notify(Record(), [listener.Url($"/services/T0/{Secret}")]);
        await notifier.DisposeAsync();

        // Assert
        var request = Assert.Single(listener.Requests);
        Assert.Equal($"/services/T0/{Secret}", request.Path);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("apr_7Hq2xK9mP4", body.GetProperty("approvalId").GetString());
        Assert.Equal("terminate-instances", body.GetProperty("tool").GetString());
        Assert.Equal("ses_1", body.GetProperty("sessionId").GetString());
        Assert.Equal("jordan", body.GetProperty("developer").GetString());
        Assert.Equal("backend-api", body.GetProperty("project").GetString());
        Assert.Equal("arn:aws:ec2:us-east-1:111122223333:instance/i-0abc", body.GetProperty("resources")[0].GetString());
        Assert.Equal("i-0abc", body.GetProperty("arguments").GetProperty("instanceIds")[0].GetString());
        Assert.Equal("dev-instances", body.GetProperty("ruleIds")[0].GetString());
        Assert.Equal("reviewer", body.GetProperty("via").GetString());
        Assert.Contains("dev-instances", body.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(Record().Created, body.GetProperty("created").GetDateTimeOffset());
        Assert.Equal(Record().Expires, body.GetProperty("expires").GetDateTimeOffset());
        Assert.Equal("sentrely approvals approve apr_7Hq2xK9mP4", body.GetProperty("approveCommand").GetString());
        Assert.Equal("sentrely approvals deny apr_7Hq2xK9mP4", body.GetProperty("denyCommand").GetString());
        Assert.Equal(
            "🔐 Sentrely: jordan's agent asks to run terminate-instances on arn:aws:ec2:us-east-1:111122223333:instance/i-0abc (session ses_1). "
            + "Approve: `sentrely approvals approve apr_7Hq2xK9mP4` · Deny: `sentrely approvals deny apr_7Hq2xK9mP4 --reason …` · expires 09:15 UTC",
            body.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Notify_500Then200_DeliveredOnTheRetryWithoutWarning()
    {
        // Arrange
        using var listener = new WebhookListener(500, 200);
        var notifier = Fast();

        // Act
        notifier.Notify(Record(), [listener.Url("/hook")]);
        await notifier.DisposeAsync();

        // Assert
        Assert.Equal(2, listener.Requests.Count);
        Assert.Equal(listener.Requests[0].Body, listener.Requests[1].Body);
        Assert.Empty(Warnings);
    }

    [Theory]
    [InlineData(500, 3)]
    [InlineData(429, 3)]
    [InlineData(408, 3)]
    [InlineData(400, 1)]
    [InlineData(404, 1)]
    [InlineData(302, 1)]
    public async Task Notify_FailingStatus_RetriedOnlyWhenTransientThenLogged(int status, int attempts)
    {
        // Arrange
        using var listener = new WebhookListener(status, status, status, status);
        var notifier = Fast();

        // Act
        notifier.Notify(Record(), [listener.Url($"/hook/{Secret}")]);
        await notifier.DisposeAsync();

        // Assert
        Assert.Equal(attempts, listener.Requests.Count);
        var warning = Assert.Single(Warnings);
        Assert.Contains($"HTTP {status}", warning.Message, StringComparison.Ordinal);
        Assert.Contains($"{attempts} attempt(s)", warning.Message, StringComparison.Ordinal);
        Assert.Contains("apr_7Hq2xK9mP4", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notify_UnreachableUrl_ReturnsAtOnceLogsHostOnlyAndOthersAreDelivered()
    {
        // Arrange
        using var listener = new WebhookListener(200);
        var closedPort = WebhookListener.FreePort();
        var unreachable = new Uri($"http://127.0.0.1:{closedPort}/services/T0/B0/{Secret}");
        var notifier = Fast();
        var clock = Stopwatch.StartNew();

        // Act
        notifier.Notify(Record(), [unreachable, listener.Url("/other")]);
        var elapsed = clock.Elapsed;
        await notifier.DisposeAsync();

        // Assert
        Assert.True(elapsed < TimeSpan.FromMilliseconds(500), $"Notify took {elapsed}");
        Assert.Equal("/other", Assert.Single(listener.Requests).Path);
        var warning = Assert.Single(Warnings);
        Assert.Equal(1300, warning.EventId);
        Assert.Contains($"http://127.0.0.1:{closedPort} ", warning.Message, StringComparison.Ordinal);
        Assert.Contains("apr_7Hq2xK9mP4", warning.Message, StringComparison.Ordinal);
        Assert.Contains("HttpRequestException", warning.Message, StringComparison.Ordinal);
        Assert.Contains("3 attempt(s)", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/services", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notify_ReceiverNeverAnswers_EachAttemptTimesOutThenLogged()
    {
        // Arrange
        using var listener = WebhookListener.Hanging();
        var notifier = Fast(attemptTimeout: TimeSpan.FromMilliseconds(150));

        // Act
        notifier.Notify(Record(), [listener.Url("/slow")]);
        await notifier.DisposeAsync();

        // Assert
        Assert.Equal(3, listener.Requests.Count);
        var warning = Assert.Single(Warnings);
        Assert.Contains("no answer within", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_DeliveryStillRunning_CancelledAfterTheDrainTimeout()
    {
        // Arrange
        using var listener = WebhookListener.Hanging();
        var notifier = Fast(attemptTimeout: TimeSpan.FromMinutes(1), drain: TimeSpan.FromMilliseconds(200));
        notifier.Notify(Record(), [listener.Url("/slow")]);
        var clock = Stopwatch.StartNew();

        // Act
        await notifier.DisposeAsync();

        // Assert
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"DisposeAsync took {clock.Elapsed}");
        Assert.Single(Warnings);
    }

    [Fact]
    public async Task Notify_NoWebhooksOrAfterDispose_SendsNothing()
    {
        // Arrange
        using var listener = new WebhookListener(200);
        var notifier = Fast();

        // Act
        notifier.Notify(Record(), []);
        await notifier.DisposeAsync();
        notifier.Notify(Record(), [listener.Url("/late")]);
        await Task.Delay(100);

        // Assert
        Assert.Empty(listener.Requests);
        Assert.Empty(_logger.Entries);
    }
}
