using Sentrely.Arguments;
using Sentrely.Invocation;

namespace Sentrely.Aws.Tools;

/// <summary>Reads content given as base64 or as a file <c>path</c>, once, during validation: what is audited is what is sent.</summary>
internal static class BlobArguments
{
    /// <summary>The derived value holding the SHA-256 (hex) of the content that will be sent.</summary>
    public const string ContentSha256 = "contentSha256";

    /// <summary>Returns the bytes of <paramref name="base64"/> (named <paramref name="base64Argument"/>) or, when null, of the file at <paramref name="path"/>; null after recording an error.</summary>
    public static async ValueTask<byte[]?> ReadAsync(
        string base64Argument, string? base64, string? path, ArgumentContext context, ArgumentValues values, int maxBytes, CancellationToken cancellationToken)
    {
        if (base64 is not null)
        {
            // Inline content travels inside one JSON-RPC message, so it has its own, lower cap than a file.
            var inlineMax = Math.Min(maxBytes, ArgumentLimits.MaxInlineContentBytes);
            var tooLarge = $"`{base64Argument}` is larger than {inlineMax / (1024 * 1024)} MiB; send larger content with `path`";

            // Decoding never allocates more than the cap allows: longer input is refused before it is decoded.
            if (base64.Length / 4 * 3 > inlineMax + 2)
            {
                values.Check(tooLarge);
                return null;
            }

            var bytes = new byte[base64.Length / 4 * 3 + 3];
            if (!Convert.TryFromBase64String(base64, bytes, out var written) || written > inlineMax)
            {
                values.Check(written > inlineMax ? tooLarge : $"`{base64Argument}` is not valid base64");
                return null;
            }

            return Remember(values, bytes[..written]);
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

        return Remember(values, buffer[..read]);
    }

    // The content's hash is a derived value, so an approval binds to these bytes, not just to the path that named them.
    private static byte[] Remember(ArgumentValues values, byte[] content)
    {
        values.Set(ContentSha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)));
        return content;
    }
}
