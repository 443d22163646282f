namespace Sentrely.Sessions;

/// <summary>Gets one kill rule: the sessions it stops, why, who made it and when.</summary>
/// <param name="Target">The sessions it stops.</param>
/// <param name="Reason">Why (shown to the agent and recorded).</param>
/// <param name="By">Who killed (the operator's OS user).</param>
/// <param name="Time">When.</param>
public sealed record KillRule(KillTarget Target, string Reason, string By, DateTimeOffset Time);
