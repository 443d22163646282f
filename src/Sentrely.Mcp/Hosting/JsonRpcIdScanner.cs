using System.Text.Json;

namespace Sentrely.Mcp.Hosting;

/// <summary>
/// Finds the top-level <c>id</c> of a JSON-RPC message fed to it in pieces, in constant memory: it never holds the
/// message, only the current top-level member while that member is short. Used for messages too large to parse.
/// </summary>
/// <remarks>
/// The scanner follows strings, escapes and nesting byte by byte. Each top-level member (<c>"key": value</c>) is
/// collected while it fits in <see cref="MaxMemberBytes"/>; a longer one (the oversized <c>params</c>) is skipped.
/// A member that completes is parsed with <see cref="Utf8JsonReader"/>, so only a well-formed <c>"id"</c> holding a
/// number or a string counts. Anything else leaves <see cref="Id"/> null.
/// </remarks>
internal sealed class JsonRpcIdScanner
{
    private const int MaxMemberBytes = 256;

    private readonly byte[] _member = new byte[MaxMemberBytes + 2];
    private int _memberLength;
    private bool _memberTooLong;
    private int _depth;
    private bool _inString;
    private bool _escaped;
    private bool _done;

    /// <summary>Gets the id as its JSON text (a number, or a string with its quotes), or null when none was found.</summary>
    public string? Id { get; private set; }

    /// <summary>Scans the next bytes of the message.</summary>
    /// <param name="bytes">The bytes, in order.</param>
    public void Feed(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (_done)
            {
                return;
            }

            Step(b);
        }
    }

    private void Step(byte b)
    {
        if (_depth == 0)
        {
            // Only an object can carry an id; leading whitespace aside, anything else ends the scan.
            if (b == (byte)'{')
            {
                _depth = 1;
                StartMember();
            }
            else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                _done = true;
            }

            return;
        }

        if (_inString)
        {
            _inString = _escaped || b != (byte)'"';
            _escaped = !_escaped && b == (byte)'\\';
            Collect(b);
            return;
        }

        switch (b)
        {
            case (byte)'"':
                _inString = true;
                Collect(b);
                break;
            case (byte)'{' or (byte)'[':
                _depth++;
                Collect(b);
                break;
            case (byte)'}' or (byte)']' when _depth == 1:
                EndMember();
                _done = true;
                break;
            case (byte)'}' or (byte)']':
                _depth--;
                Collect(b);
                break;
            case (byte)',' when _depth == 1:
                EndMember();
                StartMember();
                break;
            default:
                Collect(b);
                break;
        }
    }

    private void StartMember()
    {
        _memberLength = 1;
        _member[0] = (byte)'{';
        _memberTooLong = false;
    }

    private void Collect(byte b)
    {
        if (_memberLength > MaxMemberBytes)
        {
            _memberTooLong = true;
            return;
        }

        _member[_memberLength++] = b;
    }

    private void EndMember()
    {
        if (_memberTooLong || Id is not null)
        {
            return;
        }

        _member[_memberLength] = (byte)'}';
        try
        {
            var reader = new Utf8JsonReader(_member.AsSpan(0, _memberLength + 1));
            if (reader.Read() && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("id"u8) && reader.Read())
            {
                Id = reader.TokenType switch
                {
                    JsonTokenType.Number when reader.TryGetInt64(out _) => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                    JsonTokenType.String => System.Text.Encoding.UTF8.GetString(_member.AsSpan((int)reader.TokenStartIndex, reader.ValueSpan.Length + 2)),
                    _ => null,
                };
            }
        }
        catch (JsonException)
        {
            // Not a well-formed member: it names no id.
        }
    }
}
