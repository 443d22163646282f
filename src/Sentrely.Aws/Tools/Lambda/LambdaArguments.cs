using Sentrely.Arguments;
using Sentrely.Invocation;

namespace Sentrely.Aws.Tools.Lambda;

/// <summary>Validation shared by the Lambda tools.</summary>
internal static class LambdaArguments
{
    /// <summary>Checks <c>functionName</c> (a name or an ARN of the configured account and region) and records its name and ARN.</summary>
    public static void SetFunction(ArgumentValues values, string functionName, ArgumentContext context)
    {
        var error = LambdaFunctionReference.TryParse("functionName", functionName, context, out var reference);
        if (values.Check(error) && reference is not null)
        {
            values.Set("functionName", reference.Name);
            values.Set("functionArn", reference.Arn);
        }
    }
}
