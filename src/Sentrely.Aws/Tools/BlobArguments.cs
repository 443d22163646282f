using System.Text;
using Sentrely.Arguments;
using Sentrely.Invocation;

namespace Sentrely.Aws.Tools;

/// <summary>Reads content given as base64 or as a file <c>path</c>, once, during validation: what is audited is what is sent.</summary>
internal static class BlobArguments
{
    /// <summary>Returns the UTF-8 bytes of <paramref name="text"/> (named <paramref name="argument"/>), recording their digest.</summary>
    public static byte[] FromText(string argument, string text, ArgumentValues values) => Remember(values, argument, Encoding.UTF8.GetBytes(text));

    /// <summary>Returns the bytes of <paramref name="base64"/> (named <paramref name="base64Argument"/>) or, when null, of the file at <paramref name="path"/>; null after recording an error.</summary>
    public static async ValueTask<byte[]?> ReadAsync(
        string base64Argument, string? base64, string? path, ArgumentContext context, ArgumentValues values, int maxBytes, CancellationToken cancellationToken)
    {
        if (base64 is not null)
        {
            // Decoding never allocates more than the cap allows: longer input is refused before it is decoded.
            if (base64.Length / 4 * 3 > maxBytes + 2)
            {
                values.Check($"`{base64Argument}` is larger than {maxBytes / (1024 * 1024)} MiB");
                return null;
            }

            var bytes = new byte[base64.Length / 4 * 3 + 3];
            if (!Convert.TryFromBase64String(base64, bytes, out var written) || written > maxBytes)
            {
                values.Check(written > maxBytes ? $"`{base64Argument}` is larger than {maxBytes / (1024 * 1024)} MiB" : $"`{base64Argument}` is not valid base64");
                return null;
            }

            return Remember(values, base64Argument, bytes[..written]);
        }

        var (resolved, error) = await PathArgumentResolver.ResolveAsync("path", path!, context.FileRoots, maxBytes, cancellationToken).ConfigureAwait(false);
        if (!values.Check(error) || resolved is null)
        {
            return null;
        }

        // Read from the resolved path, at most one byte past the cap, so a file that grew after the check is still refused.
        var file = new FileStream(resolved.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        await using var closeFile = file.ConfigureAwait(false);
        var buffer = new byte[Math.Min(resolved.Length, maxBytes) + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await file.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
        {
            read += n;
        }

        if (read > maxBytes)
        {
            values.Check($"`path` is larger than {maxBytes / (1024 * 1024)} MiB");
            return null;
        }

        return Remember(values, "path", buffer[..read]);
    }

    private static byte[] Remember(ArgumentValues values, string argument, byte[] content)
    {
        values.SetContent(argument, content);
        return content;
    }
}
