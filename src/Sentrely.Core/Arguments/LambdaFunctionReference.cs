using System.Text;

namespace Sentrely.Arguments;

/// <summary>Parses a <c>functionName</c> argument: a plain function name or the function's full, unqualified ARN.</summary>
public static class LambdaFunctionReference
{
    private const string QualifierHint = "pass the plain function name and put the version or alias in `qualifier`";

    /// <summary>
    /// Parses a plain function name or an ARN <c>arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME</c>. An ARN must
    /// name the configured partition, region and account; qualified ARNs, partial ARNs and <c>NAME:QUALIFIER</c> are refused.
    /// </summary>
    /// <param name="argument">The argument's name, used in the message.</param>
    /// <param name="value">The value to parse.</param>
    /// <param name="context">The configured partition, region and account.</param>
    /// <param name="reference">The function, with its ARN built from the configuration; null when refused.</param>
    /// <returns>Null when valid, else the error message.</returns>
    public static string? TryParse(string argument, string value, ArgumentContext context, out FunctionReference? reference)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(context);
        reference = null;
        if (value.Length > ArgumentLimits.MaxFunctionReferenceLength)
        {
            return $"`{argument}` must be a function name (1–64 characters) or its ARN (at most {ArgumentLimits.MaxFunctionReferenceLength} characters); got {value.Length} characters.";
        }

        string? error;
        string name;
        if (!value.Contains(':', StringComparison.Ordinal))
        {
            error = AwsArgumentRules.CheckFunctionName(argument, value);
            name = value;
        }
        else
        {
            error = ParseArn(argument, value, context, out name);
        }

        if (error is null)
        {
            reference = new FunctionReference(name, ArnBuilder.LambdaFunction(context.Partition, context.Region, context.AccountId, name));
        }

        return error;
    }

    private static string? ParseArn(string argument, string value, ArgumentContext context, out string name)
    {
        name = string.Empty;
        Span<Range> parts = stackalloc Range[9];
        var span = value.AsSpan();
        var count = span.Split(parts, ':');
        if (!span.StartsWith("arn:", StringComparison.Ordinal))
        {
            return count >= 3 && span[parts[1]] is "function"
                ? Refuse(argument, $"is a partial ARN (ACCOUNT:function:NAME); {QualifierHint}", value)
                : count == 2
                    ? Refuse(argument, $"names a function with a qualifier (NAME:QUALIFIER); {QualifierHint}", value)
                    : Refuse(argument, "must be a function name (A-Z a-z 0-9 _ -) or a function ARN arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME", value);
        }

        if (count < 7 || span[parts[2]] is not "lambda" || span[parts[5]] is not "function")
        {
            return Refuse(argument, "must be a function name or a Lambda function ARN arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME", value);
        }

        if (count > 7)
        {
            return Refuse(argument, $"is a qualified function ARN (…:function:NAME:QUALIFIER); {QualifierHint}", value);
        }

        StringBuilder? mismatch = null;
        AppendMismatch(ref mismatch, span[parts[1]], context.Partition, "partition");
        AppendMismatch(ref mismatch, span[parts[3]], context.Region, "region");
        AppendMismatch(ref mismatch, span[parts[4]], context.AccountId, "account");
        if (mismatch is not null)
        {
            return $"`{argument}` names a function outside the configured partition, region and account: {mismatch}. Only functions in the configured ones can be used; pass the plain function name.";
        }

        name = span[parts[6]].ToString();
        return AwsArgumentRules.CheckFunctionName(argument, name);
    }

    private static void AppendMismatch(ref StringBuilder? builder, ReadOnlySpan<char> actual, string expected, string label)
    {
        if (actual.SequenceEqual(expected))
        {
            return;
        }

        builder = builder is null ? new StringBuilder() : builder.Append(", ");
        builder.Append(label).Append(' ').Append(ArgumentText.Quote(actual.ToString())).Append(" differs");
    }

    private static string Refuse(string argument, string rule, string value) =>
        $"`{argument}` {rule}; got {ArgumentText.Quote(value)}.";
}
