using Microsoft.Extensions.Logging;
using Sentrely.Audit;
using Sentrely.Credentials;
using Sentrely.Invocation;
using Sentrely.Sessions;

namespace Sentrely.Pipeline;

/// <summary>
/// Runs one tool call through DESIGN.md's pipeline. Fixed head: resolve the tool, then any refusal the transport decided. Ordered middle: the
/// stages by <see cref="StageOrder"/>. Fixed tail: commit the audit intent, vend scoped credentials,
/// invoke, record the outcome. Every call — refused or not — leaves an intent and an outcome record.
/// </summary>
public sealed partial class ToolCallPipeline
{
    private readonly ToolRegistry _tools;
    private readonly IReadOnlyList<IToolCallStage> _stages;
    private readonly Func<ActiveConfiguration> _configuration;
    private readonly AuditTrail _audit;
    private readonly ICredentialVendor _vendor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<IToolCallObserver> _observers;

    /// <summary>Initializes a new instance of the <see cref="ToolCallPipeline"/> class.</summary>
    /// <param name="tools">The curated tools.</param>
    /// <param name="stages">The middle stages, in any order.</param>
    /// <param name="configuration">Returns the configuration in force (read once per call).</param>
    /// <param name="audit">The audit trail.</param>
    /// <param name="vendor">The credential vendor.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger (stderr in stdio mode).</param>
    /// <param name="observers">Observers of performed calls.</param>
    public ToolCallPipeline(
        ToolRegistry tools,
        IEnumerable<IToolCallStage> stages,
        Func<ActiveConfiguration> configuration,
        AuditTrail audit,
        ICredentialVendor vendor,
        TimeProvider time,
        ILogger<ToolCallPipeline> logger,
        IEnumerable<IToolCallObserver>? observers = null)
    {
        _observers = observers?.ToArray() ?? [];
        _tools = tools;
        _stages = stages.OrderBy(s => s.Order).ToArray();
        _configuration = configuration;
        _audit = audit;
        _vendor = vendor;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets the middle stages in the order they run.</summary>
    public IReadOnlyList<IToolCallStage> Stages => _stages;

    /// <summary>Runs one call. Never throws for a refusal or an AWS error; only cancellation propagates.</summary>
    /// <param name="request">The call as received.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public async ValueTask<ToolCallOutcome> RunAsync(ToolCallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = new ToolCallContext(request, Identifiers.NewCallId(), _configuration());
        var started = _time.GetTimestamp();
        var refusal = Resolve(context) ?? request.Refusal;
        using var activity = SentrelyTelemetry.StartCall(context);
        var outcome = await RunCoreAsync(context, refusal, started, cancellationToken).ConfigureAwait(false);
        SentrelyTelemetry.RecordCall(activity, context, outcome.Decision, _time.GetElapsedTime(started));
        return outcome;
    }

    private async ValueTask<ToolCallOutcome> RunCoreAsync(ToolCallContext context, ToolCallRejection? refusal, long started, CancellationToken cancellationToken)
    {
        try
        {
            var rejection = refusal ?? await RunStagesAsync(context, cancellationToken).ConfigureAwait(false);
            return rejection is null
                ? await PerformAsync(context, started, cancellationToken).ConfigureAwait(false)
                : await RefuseAsync(context, rejection, started, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogCallFailed(_logger, ex, context.CallId, OperatorText.Escape(context.Request.ToolName));
            // The outcome keeps the decision already recorded in the intent, so the two records of a call agree.
            var decision = context.Decision is { Allowed: true } ? context.AllowDecision : AuditDecisions.Deny;
            var outcome = Error(context, decision, $"Sentrely failed while handling this call (call id {context.CallId}); the server log has the details.");
            await TryWriteOutcomeAsync(context, outcome, "error", "InternalError", [], started).ConfigureAwait(false);
            return outcome;
        }
    }

    private ToolCallRejection? Resolve(ToolCallContext context)
    {
        context.Tool = _tools.Find(context.Request.ToolName);
        return context.Tool is null
            ? ToolCallRejection.Deny("UnknownTool", $"unknown tool `{Truncate(OperatorText.Escape(context.Request.ToolName))}`; call tools/list for the curated tools")
            : null;
    }

    private async ValueTask<ToolCallRejection?> RunStagesAsync(ToolCallContext context, CancellationToken cancellationToken)
    {
        foreach (var stage in _stages)
        {
            using var step = SentrelyTelemetry.StartStep(stage.GetType().Name);
            if (await stage.ExecuteAsync(context, cancellationToken).ConfigureAwait(false) is { } rejection)
            {
                return rejection;
            }
        }

        return null;
    }

    private async ValueTask<ToolCallOutcome> RefuseAsync(ToolCallContext context, ToolCallRejection rejection, long started, CancellationToken cancellationToken)
    {
        var outcome = Error(context, rejection.Decision, rejection.Reason) with
        {
            RuleIds = rejection.RuleIds,
            ApprovalId = rejection.ApprovalId,
            RetryAfterSeconds = rejection.RetryAfterSeconds,
        };
        try
        {
            using var step = SentrelyTelemetry.StartStep("audit.intent");
            // Not cancellable: a refusal is recorded even when the client gave up (say, while waiting for an approval).
            await _audit.WriteIntentAsync(context, rejection.Decision, rejection.RuleIds, rejection.Reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The call is refused either way; the failure to record it is an operator problem.
            LogAuditFailed(_logger, ex, context.CallId);
        }

        await TryWriteOutcomeAsync(context, outcome, "error", rejection.Code, [], started).ConfigureAwait(false);
        return outcome;
    }

    private async ValueTask<ToolCallOutcome> PerformAsync(ToolCallContext context, long started, CancellationToken cancellationToken)
    {
        var tool = context.Tool!;
        var ruleIds = context.Decision?.RuleIds ?? [];
        try
        {
            using var step = SentrelyTelemetry.StartStep("audit.intent");
            await _audit.WriteIntentAsync(context, context.AllowDecision, ruleIds, context.AllowReason ?? context.Decision?.Reason ?? "allowed", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Invariant 3: no AWS call without a committed intent record.
            LogAuditFailed(_logger, ex, context.CallId);
            return Error(context, AuditDecisions.Deny, "the audit log cannot be written, so Sentrely makes no AWS call; the operator must fix the audit store (see the server log)");
        }

        if (context.CredentialRequest is { } scope)
        {
            try
            {
                using var step = SentrelyTelemetry.StartStep("credentials.vend");
                context.Credentials = await _vendor.VendAsync(scope, cancellationToken).ConfigureAwait(false);
            }
            catch (CredentialVendingException ex)
            {
                LogVendingFailed(_logger, context.CallId, ex.AwsErrorCode ?? "unknown", ex.Message);
                var failed = Error(context, context.AllowDecision, $"STS did not issue credentials for this call: {ex.Message}") with
                {
                    RuleIds = ruleIds,
                    AwsErrorCode = ex.AwsErrorCode,
                };
                await TryWriteOutcomeAsync(context, failed, "error", ex.AwsErrorCode ?? "CredentialVendingFailed", ex.AwsRequestId is { } id ? [id] : [], started).ConfigureAwait(false);
                return failed;
            }
        }

        var invocation = new ToolInvocation(context.Request.Session, context.Arguments!, context.Credentials, context.Request.Progress);
        ToolInvocationResult result;
        try
        {
            using var step = SentrelyTelemetry.StartStep("invoke");
            result = await tool.Handler.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The AWS request may or may not have happened.
            var cancelled = Error(context, context.AllowDecision, "the call was cancelled; whether AWS applied it is unknown") with { RuleIds = ruleIds };
            await TryWriteOutcomeAsync(context, cancelled, "unknown", "Cancelled", [], started).ConfigureAwait(false);
            throw;
        }

        await ObserveAsync(context, result).ConfigureAwait(false);
        var outcome = result.Succeeded
            ? new ToolCallOutcome { IsError = false, Message = result.Message, Structured = result.Structured, Decision = context.AllowDecision, RuleIds = ruleIds, CallId = context.CallId }
            : Error(context, context.AllowDecision, $"AWS refused `{tool.Manifest.Name}`: {result.AwsErrorCode}: {result.Message}") with
            {
                RuleIds = ruleIds,
                AwsErrorCode = result.AwsErrorCode,
                RetryAfterSeconds = result.RetryAfterSeconds,
            };
        await TryWriteOutcomeAsync(context, outcome, result.Succeeded ? "ok" : "error", result.AwsErrorCode, result.AwsRequestIds, started).ConfigureAwait(false);
        return outcome;
    }

    private async ValueTask ObserveAsync(ToolCallContext context, ToolInvocationResult result)
    {
        foreach (var observer in _observers)
        {
            try
            {
                // Not cancellable: what AWS already did must be counted even if the client went away.
                await observer.OnInvokedAsync(context, result, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogCallFailed(_logger, ex, context.CallId, OperatorText.Escape(context.Request.ToolName));
            }
        }
    }

    private async ValueTask TryWriteOutcomeAsync(ToolCallContext context, ToolCallOutcome outcome, string result, string? errorCode, IReadOnlyList<string> requestIds, long started)
    {
        try
        {
            // Not cancellable: the outcome of a call that happened must be recorded even if the client went away.
            using var step = SentrelyTelemetry.StartStep("audit.outcome");
            var durationMs = (long)_time.GetElapsedTime(started).TotalMilliseconds;
            await _audit.WriteOutcomeAsync(context, outcome, result, errorCode, requestIds, durationMs, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogAuditFailed(_logger, ex, context.CallId);
        }
    }

    private static ToolCallOutcome Error(ToolCallContext context, string decision, string message) =>
        new() { IsError = true, Message = message, Decision = decision, CallId = context.CallId };

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Call {CallId} to {Tool} failed inside Sentrely")]
    private static partial void LogCallFailed(ILogger logger, Exception exception, string callId, string tool);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Critical, Message = "Call {CallId}: the audit store could not record the call")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, string callId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Call {CallId}: STS refused AssumeRole ({ErrorCode}): {Reason}")]
    private static partial void LogVendingFailed(ILogger logger, string callId, string errorCode, string reason);
}
