using System.Globalization;
using Microsoft.Extensions.Logging;
using Sentrely.Mcp.Tools;
using Sentrely.Pipeline;

namespace Sentrely.Mcp.Hosting;

/// <summary>
/// Answers each stdio message dropped for its size: a JSON-RPC error -32600 (Invalid Request) carrying the request's
/// id when it could be read (else null), and a <c>deny</c> in the audit log. The session goes on.
/// </summary>
internal sealed partial class OversizedMessageResponder
{
    /// <summary>The error code audit records give an oversized message.</summary>
    public const string ErrorCode = "MessageTooLarge";

    private readonly LineGatedStream _output;
    private readonly ToolCallPipeline _pipeline;
    private readonly McpSessions _sessions;
    private readonly long _maxBytes;
    private readonly ILogger _logger;
    private readonly List<Task> _pending = [];

    /// <summary>Initializes a new instance of the <see cref="OversizedMessageResponder"/> class.</summary>
    /// <param name="output">stdout, shared with the SDK.</param>
    /// <param name="pipeline">The pipeline that records the refusal.</param>
    /// <param name="sessions">The stdio session.</param>
    /// <param name="maxBytes">The limit, for the messages.</param>
    /// <param name="logger">The logger.</param>
    public OversizedMessageResponder(LineGatedStream output, ToolCallPipeline pipeline, McpSessions sessions, long maxBytes, ILogger logger)
    {
        _output = output;
        _pipeline = pipeline;
        _sessions = sessions;
        _maxBytes = maxBytes;
        _logger = logger;
    }

    /// <summary>Starts answering <paramref name="message"/>; returns at once, so the reading loop goes on.</summary>
    /// <param name="message">The dropped message.</param>
    public void Refuse(OversizedMessage message)
    {
        var task = Task.Run(() => RespondAsync(message));
        lock (_pending)
        {
            _pending.RemoveAll(t => t.IsCompleted);
            _pending.Add(task);
        }
    }

    /// <summary>Waits until every refusal started so far is answered and recorded (at shutdown, before the store closes).</summary>
    public Task DrainAsync()
    {
        lock (_pending)
        {
            return Task.WhenAll(_pending.ToArray());
        }
    }

    /// <summary>Returns the JSON-RPC error for <paramref name="message"/>, without its newline.</summary>
    /// <param name="message">The dropped message.</param>
    /// <param name="maxBytes">The limit.</param>
    public static byte[] ErrorResponse(OversizedMessage message, long maxBytes) =>
        InvalidRequestResponse.Create(message.IdJson, Reason(message, maxBytes));

    private static string Reason(OversizedMessage message, long maxBytes) => string.Create(
        CultureInfo.InvariantCulture,
        $"the message is {message.Bytes} bytes, more than the {maxBytes}-byte limit (limits.maxMessageBytes), so Sentrely refused it unread; send large content with `path` instead of inline");

    private async Task RespondAsync(OversizedMessage message)
    {
        try
        {
            LogRefused(_logger, message.Bytes, _maxBytes, message.IdJson is null ? "none" : Audit.OperatorText.Escape(message.IdJson));
            await _pipeline.RefuseUnreadAsync(_sessions.Current(), ErrorCode, Reason(message, _maxBytes), CancellationToken.None).ConfigureAwait(false);
            await _output.WriteLineAsync(ErrorResponse(message, _maxBytes), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The client went away: nobody is left to answer.
            LogAnswerFailed(_logger, ex);
        }
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Refused a {Bytes}-byte message unread (limit {Limit} bytes, request id {Id})")]
    private static partial void LogRefused(ILogger logger, long bytes, long limit, string id);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Could not answer an oversized message")]
    private static partial void LogAnswerFailed(ILogger logger, Exception exception);
}
