namespace Sentrely.Limits;

/// <summary>Gets instances a call is about to make run, counted until AWS has answered (or the reservation expires).</summary>
/// <param name="CallId">The call making them run.</param>
/// <param name="SessionId">The calling session.</param>
/// <param name="Developer">The calling developer.</param>
/// <param name="InstanceTypes">One entry per instance.</param>
/// <param name="Group">The calling session's <see cref="SessionGroup"/>, whose instances also count against per-session caps; null counts the session alone.</param>
public sealed record LaunchReservation(string CallId, string SessionId, string Developer, IReadOnlyList<string> InstanceTypes, string? Group = null);
