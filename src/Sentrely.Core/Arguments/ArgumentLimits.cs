namespace Sentrely.Arguments;

/// <summary>Gets the size limits argument validation enforces, taken from the AWS service limits.</summary>
public static class ArgumentLimits
{
    /// <summary>Gets the shortest S3 general purpose bucket name.</summary>
    public const int MinBucketNameLength = 3;

    /// <summary>Gets the longest S3 general purpose bucket name.</summary>
    public const int MaxBucketNameLength = 63;

    /// <summary>Gets the largest S3 object key or prefix, in UTF-8 bytes.</summary>
    public const int MaxObjectKeyBytes = 1024;

    /// <summary>Gets the longest plain Lambda function name.</summary>
    public const int MaxFunctionNameLength = 64;

    /// <summary>Gets the longest value accepted where a Lambda function name or ARN is allowed (the UpdateFunctionCode limit).</summary>
    public const int MaxFunctionReferenceLength = 140;

    /// <summary>Gets the longest Lambda alias name.</summary>
    public const int MaxAliasLength = 128;

    /// <summary>Gets the most digits of a Lambda version number.</summary>
    public const int MaxVersionDigits = 10;

    /// <summary>Gets the longest EC2 instance type name.</summary>
    public const int MaxInstanceTypeLength = 32;

    /// <summary>Gets the longest EC2 key pair name.</summary>
    public const int MaxKeyNameLength = 255;

    /// <summary>Gets the longest tag key.</summary>
    public const int MaxTagKeyLength = 128;

    /// <summary>Gets the longest tag value.</summary>
    public const int MaxTagValueLength = 256;

    /// <summary>Gets the longest <c>path</c> argument, in characters (Linux PATH_MAX).</summary>
    public const int MaxPathLength = 4096;

    /// <summary>Gets the most symbolic links followed while resolving one <c>path</c> (Linux MAXSYMLINKS).</summary>
    public const int MaxSymbolicLinks = 40;

    /// <summary>Gets the longest Content-Type accepted.</summary>
    public const int MaxMediaTypeLength = 255;

    /// <summary>Gets the most bytes of inline content (<c>text</c>, <c>contentBase64</c>, <c>zipBase64</c>), decoded; larger content goes through <c>path</c> or S3.</summary>
    public const int MaxInlineContentBytes = 8 * 1024 * 1024;

    /// <summary>Gets how many characters of a refused value an error message quotes.</summary>
    public const int MaxQuotedLength = 64;
}
