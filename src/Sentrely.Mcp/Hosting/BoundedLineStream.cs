namespace Sentrely.Mcp.Hosting;

/// <summary>
/// Stands between stdin and the MCP SDK's stream transport, which buffers a whole line before it parses it: lines
/// (JSON-RPC messages) up to <c>maxLineBytes</c> pass through unchanged; a longer line is dropped as it arrives,
/// never held, and reported with the id it carried (when one could be read). Memory stays bounded whatever the
/// client sends.
/// </summary>
internal sealed class BoundedLineStream : Stream
{
    private const int ChunkBytes = 64 * 1024;

    private readonly Stream _inner;
    private readonly int _maxLineBytes;
    private readonly Action<OversizedMessage> _onOversized;
    private readonly byte[] _chunk = new byte[ChunkBytes];
    private int _chunkStart;
    private int _chunkEnd;
    private byte[] _line = new byte[ChunkBytes];
    private int _lineLength;
    private int _delivered;
    private bool _lineReady;
    private JsonRpcIdScanner? _dropping;
    private long _droppedBytes;
    private bool _endOfInput;

    /// <summary>Initializes a new instance of the <see cref="BoundedLineStream"/> class.</summary>
    /// <param name="inner">The input, usually stdin.</param>
    /// <param name="maxLineBytes">The largest line passed on, newline excluded.</param>
    /// <param name="onOversized">Called (on the reading thread; it must not block) for each line that was dropped.</param>
    public BoundedLineStream(Stream inner, int maxLineBytes, Action<OversizedMessage> onOversized)
    {
        _inner = inner;
        _maxLineBytes = maxLineBytes;
        _onOversized = onOversized;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (TryDeliver(buffer.Span, out var delivered))
            {
                return delivered;
            }

            // Console streams ignore cancellation: the wait is what makes a shutdown (Ctrl+C, SIGTERM) end the read.
            var read = _inner.ReadAsync(_chunk, cancellationToken);
            Consume(read.IsCompletedSuccessfully ? read.Result : await read.AsTask().WaitAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            if (TryDeliver(buffer, out var delivered))
            {
                return delivered;
            }

            Consume(_inner.Read(_chunk));
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    // Hands out the line that is ready; true with 0 at the end of the input.
    private bool TryDeliver(Span<byte> buffer, out int delivered)
    {
        delivered = 0;
        while (!_lineReady && _chunkStart < _chunkEnd)
        {
            Split();
        }

        if (_lineReady)
        {
            delivered = Math.Min(buffer.Length, _lineLength - _delivered);
            _line.AsSpan(_delivered, delivered).CopyTo(buffer);
            _delivered += delivered;
            if (_delivered == _lineLength)
            {
                _lineReady = false;
                _lineLength = 0;
                _delivered = 0;
                if (_line.Length > ChunkBytes)
                {
                    // One large message must not pin its buffer for the rest of the session.
                    _line = new byte[ChunkBytes];
                }
            }

            return true;
        }

        return _endOfInput;
    }

    private void Consume(int read)
    {
        _chunkStart = 0;
        _chunkEnd = read;
        if (read > 0)
        {
            return;
        }

        _endOfInput = true;
        if (_dropping is not null)
        {
            Report();
        }
        else if (_lineLength > 0)
        {
            // A last line without a newline goes on as it is; the SDK decides what it means.
            _lineReady = true;
        }
    }

    // Moves bytes of the current chunk into the current line, up to and including its newline.
    private void Split()
    {
        var rest = _chunk.AsSpan(_chunkStart, _chunkEnd - _chunkStart);
        var newline = rest.IndexOf((byte)'\n');
        var piece = newline < 0 ? rest : rest[..(newline + 1)];
        _chunkStart += piece.Length;
        var content = newline < 0 ? piece : piece[..^1];

        if (_dropping is null && _lineLength + content.Length > _maxLineBytes)
        {
            _dropping = new JsonRpcIdScanner();
            _dropping.Feed(_line.AsSpan(0, _lineLength));
            _droppedBytes = _lineLength;
            _lineLength = 0;
            _line = new byte[ChunkBytes];
        }

        if (_dropping is not null)
        {
            _dropping.Feed(content);
            _droppedBytes += content.Length;
            if (newline >= 0)
            {
                Report();
            }

            return;
        }

        Append(piece);
        _lineReady = newline >= 0;
    }

    private void Append(ReadOnlySpan<byte> piece)
    {
        if (_lineLength + piece.Length > _line.Length)
        {
            Array.Resize(ref _line, (int)Math.Min(Math.Max((long)_line.Length * 2, _lineLength + piece.Length), _maxLineBytes + 1L));
        }

        piece.CopyTo(_line.AsSpan(_lineLength));
        _lineLength += piece.Length;
    }

    private void Report()
    {
        var message = new OversizedMessage(_dropping!.Id, _droppedBytes);
        _dropping = null;
        _droppedBytes = 0;
        _onOversized(message);
    }
}
