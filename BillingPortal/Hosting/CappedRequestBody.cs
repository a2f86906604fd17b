namespace BillingPortal.Hosting;

/// <summary>
/// A request body that fails with <see cref="BadHttpRequestException"/> (413) once more than <c>cap</c> bytes arrive:
/// what Kestrel's per-request limit does, for servers without one (the test server).
/// </summary>
internal sealed class CappedRequestBody(Stream inner, long cap) : Stream
{
    private long read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, Allowed(count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // One byte past the cap is enough to know the body is too large; nothing more is pulled from the client.
    private int Allowed(int wanted) => (int)Math.Min(wanted, cap + 1 - read);

    private int Counted(int count)
    {
        read += count;
        if (read > cap)
            throw new BadHttpRequestException($"Request body too large: at most {cap} bytes for this endpoint.", StatusCodes.Status413PayloadTooLarge);
        return count;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
