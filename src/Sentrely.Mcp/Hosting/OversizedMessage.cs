namespace Sentrely.Mcp.Hosting;

/// <summary>Gets a JSON-RPC message that was refused unread because it was larger than the limit.</summary>
/// <param name="IdJson">The request's id as its JSON text (a number, or a quoted string), or null when it could not be read cheaply.</param>
/// <param name="Bytes">The message's size in bytes, newline excluded.</param>
internal sealed record OversizedMessage(string? IdJson, long Bytes);
