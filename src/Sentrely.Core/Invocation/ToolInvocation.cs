using Sentrely.Arguments;
using Sentrely.Credentials;
using Sentrely.Sessions;

namespace Sentrely.Invocation;

/// <summary>Gets everything a handler needs to perform one allowed call.</summary>
/// <param name="Session">The calling session.</param>
/// <param name="Arguments">The validated arguments.</param>
/// <param name="Credentials">The call's scoped credentials; null for tools that call no AWS API.</param>
/// <param name="Progress">Reports progress to the client (a no-op when it asked for none).</param>
public sealed record ToolInvocation(
    SessionContext Session,
    ValidatedArguments Arguments,
    ScopedCredentials? Credentials,
    IProgressReporter Progress);

/// <summary>Reports the progress of a long call (MCP progress notifications).</summary>
public interface IProgressReporter
{
    /// <summary>Reports progress.</summary>
    /// <param name="progress">Work done so far.</param>
    /// <param name="total">Total work, when known.</param>
    /// <param name="message">What is happening.</param>
    void Report(double progress, double? total, string message);
}
