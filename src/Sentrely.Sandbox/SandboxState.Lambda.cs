using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Sentrely.Sandbox.State;

namespace Sentrely.Sandbox;

/// <summary>Lambda functions of the simulated account.</summary>
public sealed partial class SandboxState
{
    private readonly SortedDictionary<string, LambdaFunction> _functions = new(StringComparer.Ordinal);

    internal SortedDictionary<string, LambdaFunction> Functions => _functions;

    /// <summary>Adds (or replaces) a Lambda function.</summary>
    /// <param name="seed">The function.</param>
    /// <returns>A snapshot of the new function.</returns>
    public LambdaFunctionInfo AddFunction(LambdaFunctionSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        if (!FunctionNamePattern().IsMatch(seed.Name))
        {
            throw new ArgumentException("Function names are 1-64 letters, digits, '-' or '_'.", nameof(seed));
        }

        var code = (byte[])seed.Code.Clone();
        var config = new LambdaFunctionConfig(
            seed.Name, "$LATEST", seed.Runtime, seed.Handler,
            new Dictionary<string, string>(seed.Environment, StringComparer.Ordinal),
            seed.ImageUri is null ? "Zip" : "Image", seed.ImageUri, CodeSha256(code), code.LongLength,
            Guid.NewGuid().ToString(), Time.GetUtcNow(), "Successful");
        lock (Gate)
        {
            var function = new LambdaFunction(config, code);
            _functions[seed.Name] = function;
            return ToInfo(function);
        }
    }

    /// <summary>Gets a snapshot of a function without advancing a pending update, or <see langword="null"/>.</summary>
    /// <param name="name">The function name.</param>
    /// <returns>The snapshot, or <see langword="null"/>.</returns>
    public LambdaFunctionInfo? GetFunction(string name)
    {
        lock (Gate)
        {
            return _functions.TryGetValue(name, out var function) ? ToInfo(function) : null;
        }
    }

    internal string FunctionArn(string name) => $"arn:aws:lambda:{Region}:{AccountId}:function:{name}";

    internal static string CodeSha256(byte[] code) => Convert.ToBase64String(SHA256.HashData(code));

    private LambdaFunctionInfo ToInfo(LambdaFunction function)
    {
        var latest = function.Latest;
        return new LambdaFunctionInfo(
            latest.Name, FunctionArn(latest.Name), latest.Runtime, latest.Handler, latest.Environment,
            (byte[])function.Code.Clone(), latest.ImageUri, latest.CodeSha256, latest.RevisionId,
            latest.LastUpdateStatus, [.. function.Published.Select(p => p.Version)]);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    internal static partial Regex FunctionNamePattern();
}
