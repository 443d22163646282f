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

            return Remember(values, base64Argument, bytes[..written]);
        }

        // The bytes come from the one handle the reader opened and checked; the hash below is of exactly these bytes.
        var (content, error) = await PathArgumentReader.ReadAsync("path", path!, context.FileRoots, maxBytes, cancellationToken).ConfigureAwait(false);
        return values.Check(error) && content is not null ? Remember(values, "path", content) : null;
    }

    private static byte[] Remember(ArgumentValues values, string argument, byte[] content)
    {
        values.SetContent(argument, content);
        return content;
    }
}
