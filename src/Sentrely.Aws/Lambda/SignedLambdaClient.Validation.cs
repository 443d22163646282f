namespace Sentrely.Aws.Lambda;

/// <summary>Defensive checks on what goes into a Lambda request path or query; callers validate first.</summary>
internal sealed partial class SignedLambdaClient
{
    private static string EscapeFunctionName(string functionName, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(functionName);

        // Escaping cannot neutralise "." and ".." path segments, so the charset is checked as well.
        if (functionName.Length == 0 || functionName.Length > maxLength || functionName.Trim('.').Length == 0
            || !functionName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '$'))
        {
            throw new ArgumentException("The Lambda function name must be a function name or ARN.", nameof(functionName));
        }

        return Uri.EscapeDataString(functionName);
    }

    private static string CheckQualifier(string qualifier) =>
        qualifier.Length is >= 1 and <= 128 && qualifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '$')
            ? qualifier
            : throw new ArgumentException("The qualifier must be a version number or an alias name.", nameof(qualifier));

    private static string CheckMarker(string marker) =>
        marker.Length is >= 1 and <= 2048 && marker.All(c => c is > ' ' and < '\u007f')
            ? marker
            : throw new ArgumentException("The marker must be the NextMarker of a previous page.", nameof(marker));

    private static void CheckCodeSource(UpdateFunctionCodeRequest request)
    {
        var sources = (request.ZipFile is not null ? 1 : 0)
            + (request.S3Bucket is not null || request.S3Key is not null ? 1 : 0)
            + (request.ImageUri is not null ? 1 : 0);
        if (sources != 1)
        {
            throw new ArgumentException("Exactly one code source is required: ZipFile, S3Bucket with S3Key, or ImageUri.", nameof(request));
        }

        if ((request.S3Bucket is not null || request.S3Key is not null)
            && (request.S3Bucket is not { Length: >= 3 and <= 63 } || request.S3Key is not { Length: >= 1 and <= 1024 }))
        {
            throw new ArgumentException("S3Bucket (3–63 characters) and S3Key (1–1024 characters) must both be set.", nameof(request));
        }

        if (request.ImageUri is { Length: 0 } || request.ZipFile is { Length: 0 })
        {
            throw new ArgumentException("The code source must not be empty.", nameof(request));
        }
    }
}
