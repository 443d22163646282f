using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Sentrely.Audit;

namespace Sentrely.Mcp.Hosting;

/// <summary>
/// Writes log entries in the console's simple layout (<c>info: Category[Id]</c>, then the message indented), with the
/// message and exception messages escaped: a value an agent wrote (a tool name, a client name, a content type) can
/// neither start a line of its own nor drive the terminal. Stack traces come from code and are written as they are.
/// </summary>
internal sealed class EscapingConsoleFormatter : ConsoleFormatter
{
    /// <summary>The formatter's name in <see cref="ConsoleLoggerOptions.FormatterName"/>.</summary>
    public const string FormatterName = "sentrely";

    private const string Padding = "      ";

    public EscapingConsoleFormatter()
        : base(FormatterName)
    {
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(OperatorText.Escape(logEntry.Category));
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id);
        textWriter.WriteLine(']');
        textWriter.Write(Padding);
        textWriter.WriteLine(OperatorText.Escape(message));
        for (var exception = logEntry.Exception; exception is not null; exception = exception.InnerException)
        {
            textWriter.Write(Padding);
            textWriter.WriteLine(OperatorText.Escape($"{exception.GetType()}: {exception.Message}"));
            foreach (var frame in (exception.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                textWriter.Write(Padding);
                textWriter.WriteLine(frame.TrimEnd('\r'));
            }
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
