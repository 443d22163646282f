using System.Security.Cryptography;
using System.Text;

namespace Sentrely.Aws.Tools.S3;

/// <summary>Shared limits and helpers of the build-artifact tools.</summary>
internal static class S3Objects
{
    /// <summary>The largest artifact put-build-artifact uploads (held in memory for hashing and signing).</summary>
    public const int MaxUploadBytes = 50 * 1024 * 1024;

    /// <summary>The most content get-build-artifact returns; larger objects are cut and flagged.</summary>
    public const int MaxDownloadBytes = 1024 * 1024;

    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Returns the bytes as text when they are valid UTF-8 without control characters (tab and newlines aside).</summary>
    public static string? AsText(byte[] bytes)
    {
        try
        {
            var text = new UTF8Encoding(false, true).GetString(bytes);
            return text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')) ? null : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
