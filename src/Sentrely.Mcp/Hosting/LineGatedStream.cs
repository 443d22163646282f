namespace Sentrely.Mcp.Hosting;

/// <summary>
/// Wraps stdout so that Sentrely can write a JSON-RPC message of its own between the SDK's messages, never inside
/// one: the SDK writes a message in several calls (the JSON, then a newline), and a message is whole once a write
/// ends with a newline.
/// </summary>
internal sealed class LineGatedStream : Stream
{
    private readonly Stream _inner;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _inMessage;

    /// <summary>Initializes a new instance of the <see cref="LineGatedStream"/> class.</summary>
    /// <param name="inner">The output, usually stdout.</param>
    public LineGatedStream(Stream inner) => _inner = inner;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Writes <paramref name="line"/> and a newline as one message, between the SDK's messages, and flushes.</summary>
    /// <param name="line">One JSON-RPC message without a newline.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public async Task WriteLineAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _inner.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            await _inner.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            await _inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_inMessage)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            _inMessage = true;
        }

        try
        {
            await _inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            EndMessage();
            throw;
        }

        if (buffer.Length > 0 && buffer.Span[^1] == (byte)'\n')
        {
            EndMessage();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override void Flush() => _inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }

    private void EndMessage()
    {
        _inMessage = false;
        _gate.Release();
    }
}
