namespace Sentrely.Sandbox;

/// <summary>A Lambda function to seed into <see cref="SandboxState"/>.</summary>
public sealed class LambdaFunctionSeed
{
    /// <summary>Gets the function name (1–64 characters of letters, digits, '-' and '_').</summary>
    public required string Name { get; init; }

    /// <summary>Gets the runtime.</summary>
    /// <value><c>nodejs20.x</c>.</value>
    public string Runtime { get; init; } = "nodejs20.x";

    /// <summary>Gets the handler.</summary>
    /// <value><c>index.handler</c>.</value>
    public string Handler { get; init; } = "index.handler";

    /// <summary>Gets the environment variables, returned WITH values (as AWS does).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the deployment package (zip bytes).</summary>
    public byte[] Code { get; init; } = [];

    /// <summary>Gets the container image URI; when set the function's package type is <c>Image</c>.</summary>
    public string? ImageUri { get; init; }
}
