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

            return Remember(values, bytes[..written]);
        }

        // The bytes come from the one handle the reader opened and checked; the hash below is of exactly these bytes.
        var (content, error) = await PathArgumentReader.ReadAsync("path", path!, context.FileRoots, maxBytes, cancellationToken).ConfigureAwait(false);
        return values.Check(error) && content is not null ? Remember(values, content) : null;
    }

    // The content's hash is a derived value, so an approval binds to these bytes, not just to the path that named them.
    private static byte[] Remember(ArgumentValues values, byte[] content)
    {
        values.Set(ContentSha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)));
        return content;
    }
}
