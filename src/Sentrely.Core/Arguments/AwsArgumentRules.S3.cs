using System.Text;

namespace Sentrely.Arguments;

/// <summary>S3 bucket names, object keys and prefixes.</summary>
public static partial class AwsArgumentRules
{
    private static readonly string[] ReservedBucketPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
    private static readonly string[] ReservedBucketSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

    /// <summary>Checks an S3 general purpose bucket name by AWS's naming rules.</summary>
    /// <param name="argument">The argument's name, used in the message.</param>
    /// <param name="value">The value to check.</param>
    /// <returns>Null when valid, else the error message.</returns>
    public static string? CheckBucketName(string argument, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('/', StringComparison.Ordinal))
        {
            return Refuse(argument, "is a bucket name and must not contain '/': put the path in the object key", value);
        }

        if (!AwsPatterns.BucketName().IsMatch(value))
        {
            return Refuse(argument, "must be a bucket name: 3–63 characters of a-z 0-9 . -, starting and ending with a letter or digit", value);
        }

        if (value.Contains("..", StringComparison.Ordinal))
        {
            return Refuse(argument, "must not contain two adjacent periods", value);
        }

        if (AwsPatterns.IpAddressShaped().IsMatch(value))
        {
            return Refuse(argument, "must not be formatted as an IP address", value);
        }

        foreach (var prefix in ReservedBucketPrefixes)
        {
            if (value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return Refuse(argument, $"must not start with \"{prefix}\", which AWS reserves", value);
            }
        }

        foreach (var suffix in ReservedBucketSuffixes)
        {
            if (value.EndsWith(suffix, StringComparison.Ordinal))
            {
                return Refuse(argument, $"must not end with \"{suffix}\", which AWS reserves for access points and other bucket types", value);
            }
        }

        return null;
    }

    /// <summary>
    /// Checks an S3 object key: 1–1024 UTF-8 bytes of valid Unicode with no control characters, no <c>* ? $</c>,
    /// no backslash, and '/'-separated segments that are neither empty nor <c>.</c> or <c>..</c>.
    /// </summary>
    /// <param name="argument">The argument's name, used in the message.</param>
    /// <param name="value">The value to check.</param>
    /// <returns>Null when valid, else the error message.</returns>
    public static string? CheckObjectKey(string argument, string value) => CheckKeyLike(argument, value, allowTrailingSlash: false);

    /// <summary>Checks an S3 key prefix: a non-empty object key that may also end with '/'.</summary>
    /// <param name="argument">The argument's name, used in the message.</param>
    /// <param name="value">The value to check.</param>
    /// <returns>Null when valid, else the error message.</returns>
    public static string? CheckPrefix(string argument, string value) => CheckKeyLike(argument, value, allowTrailingSlash: true);

    /// <summary>
    /// Checks a Content-Type: an RFC 9110 media type <c>type/subtype</c> with optional <c>; name=value</c> parameters,
    /// tokens only, at most <see cref="ArgumentLimits.MaxMediaTypeLength"/> characters. A line break could split the
    /// header the SDK writes, so it is refused here, before any credential is vended.
    /// </summary>
    /// <param name="argument">The argument's name, used in the message.</param>
    /// <param name="value">The value to check.</param>
    /// <returns>Null when valid, else the error message.</returns>
    public static string? CheckMediaType(string argument, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > ArgumentLimits.MaxMediaTypeLength)
        {
            return $"`{argument}` must be at most {ArgumentLimits.MaxMediaTypeLength} characters; got {value.Length}.";
        }

        return AwsPatterns.MediaType().IsMatch(value)
            ? null
            : Refuse(argument, "must be a media type such as `application/zip` or `text/plain; charset=utf-8` (type/subtype, then `; name=value` parameters, tokens only)", value);
    }

    private static string? CheckKeyLike(string argument, string value, bool allowTrailingSlash)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return $"`{argument}` must not be empty.";
        }

        // Every UTF-16 code unit takes at least one UTF-8 byte: a long value is refused before it is scanned.
        if (value.Length > ArgumentLimits.MaxObjectKeyBytes)
        {
            return $"`{argument}` must be at most {ArgumentLimits.MaxObjectKeyBytes} UTF-8 bytes; got {value.Length} characters.";
        }

        var characterError = CheckKeyCharacters(argument, value);
        if (characterError is not null)
        {
            return characterError;
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes > ArgumentLimits.MaxObjectKeyBytes)
        {
            return $"`{argument}` must be at most {ArgumentLimits.MaxObjectKeyBytes} UTF-8 bytes; got {bytes}.";
        }

        return CheckKeySegments(argument, value, allowTrailingSlash);
    }

    private static string? CheckKeyCharacters(string argument, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (ArgumentText.IsControl(c))
            {
                return ControlCharacter(argument, c, i);
            }

            if (c is '*' or '?' or '$')
            {
                return $"`{argument}` must not contain * ? or $ (IAM wildcard and policy-variable characters); found '{c}' at index {i}.";
            }

            if (c == '\\')
            {
                return $"`{argument}` must not contain a backslash; separate folders with '/'. Found at index {i}.";
            }

            // Reordering characters let a key read differently to a human approver; U+FFFE/U+FFFF cannot appear in S3's XML listings.
            if (ArgumentText.IsBidiControl(c) || c is '\uFFFE' or '\uFFFF')
            {
                return $"`{argument}` must not contain {ArgumentText.DescribeChar(c)} (bidirectional controls and non-characters are refused); found at index {i}.";
            }
        }

        return LoneSurrogate(argument, value);
    }

    private static string? CheckKeySegments(string argument, string value, bool allowTrailingSlash)
    {
        var rest = value.AsSpan();
        if (rest[0] == '/')
        {
            return Refuse(argument, "must not start with '/'", value);
        }

        if (rest[^1] == '/')
        {
            if (!allowTrailingSlash)
            {
                return Refuse(argument, "must not end with '/' (that names a folder marker, not an object)", value);
            }

            rest = rest[..^1];
        }

        foreach (var range in rest.Split('/'))
        {
            var segment = rest[range];
            if (segment.Length == 0)
            {
                return Refuse(argument, "must not contain \"//\"", value);
            }

            if (segment is "." or "..")
            {
                return Refuse(argument, "must not contain \".\" or \"..\" path segments", value);
            }
        }

        return null;
    }
}
