namespace Sentrely.Arguments;

/// <summary>Gets a Lambda function named by an argument, in the configured partition, region and account.</summary>
/// <param name="Name">The plain function name.</param>
/// <param name="Arn">The unqualified function ARN, built from the configuration.</param>
public sealed record FunctionReference(string Name, string Arn);
