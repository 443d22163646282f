using System.Text;
using System.Text.Json;
using Sentrely.Arguments;
using Sentrely.Invocation;
using Sentrely.Policy;

namespace Sentrely.Fuzz;

/// <summary>
/// Arbitrary JSON arguments into each curated tool's <c>ValidateAsync</c>. Input: the tool name, a newline, the
/// arguments object. Validation never throws; a refusal names its problems without raw control characters; an
/// accepted call's template values carry no IAM wildcard (<c>* ?</c>), no <c>$</c> but Lambda's <c>$LATEST</c> and no control character,
/// and its S3 keys and prefixes no <c>.</c>/<c>..</c> segment and no backslash.
/// </summary>
public sealed class ArgumentsTarget : IFuzzTarget
{
    // The values the shipped manifests put into ARNs and session policies (every {placeholder} but partition/region/account).
    private static readonly string[] TemplateValues =
        ["bucket", "key", "prefix", "functionArn", "identifier", "imageId", "instanceIds", "instanceType", "keyName", "qualifier", "securityGroupIds", "subnetId"];

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    private static readonly Lazy<ArgumentContext> Context = new(CreateContext);

    /// <inheritdoc/>
    public string Name => "arguments";

    /// <inheritdoc/>
    public IReadOnlyList<string> Dictionary { get; } =
    [
        "\"bucket\":", "\"key\":", "\"prefix\":", "\"text\":", "\"path\":", "\"functionName\":", "\"qualifier\":", "\"instanceIds\":",
        "\"imageId\":", "\"subnetId\":", "\"securityGroupIds\":", "\"tags\":", "\"filters\":", "\"s3Key\":", "\"s3Bucket\":",
        "\"imageUri\":", "\"zipBase64\":", "\"contentBase64\":", "\"count\":", "\"maxKeys\":", "\"revisionId\":",
        "..", "./", "*", "?", "$", "${aws:username}", "\\u0000", "\\u001b", "\\u202e", "\\ud800", "arn:aws:lambda:us-east-1:111122223333:function:",
        "arn:aws-cn:", "i-0123456789abcdef0", "ami-0123456789abcdef0", "sg-", "subnet-", "artifact.txt", "/", "//", "%2e%2e", "1e309", "-1", "null", "[]", "{}",
    ];

    /// <inheritdoc/>
    public void Run(byte[] data)
    {
        var newline = Array.IndexOf(data, (byte)'\n');
        var handler = newline < 0 ? null : FuzzToolCatalog.Handlers.FirstOrDefault(h => Encoding.UTF8.GetString(data, 0, newline) == h.Name);
        if (handler is null)
        {
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data.AsMemory(newline + 1));
        }
        catch (JsonException)
        {
            return; // the MCP layer refuses what is not JSON before any handler sees it
        }

        using (document)
        {
            // MCP hands a handler an object; anything else never reaches it.
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                Check(handler, TimeBound.Run($"{handler.Name} validation", Bound, () => Validate(handler, document.RootElement)));
            }
        }
    }

    private static ArgumentValidationResult Validate(IToolHandler handler, JsonElement arguments) =>
        handler.ValidateAsync(arguments, Context.Value, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    private static void Check(IToolHandler handler, ArgumentValidationResult result)
    {
        if (result.Arguments is null)
        {
            FuzzInvariantException.Assert(result.Errors.Count > 0, $"{handler.Name}: refused without a reason");
            foreach (var error in result.Errors)
            {
                FuzzInvariantException.Assert(error.Length > 0 && !error.Any(char.IsControl), $"{handler.Name}: a refusal with raw control characters: {Escape(error)}");
            }

            return;
        }

        FuzzInvariantException.Assert(result.Errors.Count == 0, $"{handler.Name}: accepted with errors");
        foreach (var name in TemplateValues)
        {
            foreach (var value in result.Arguments.Values.GetValueOrDefault(name) ?? [])
            {
                FuzzInvariantException.Assert(
                    value.AsSpan().IndexOfAny("*?") < 0 && !HasPolicyVariable(value) && !value.Any(char.IsControl),
                    $"{handler.Name}: accepted {name} {Escape(value)} with a wildcard, policy variable or control character");
                if (name is "key" or "prefix")
                {
                    var segments = value.Split('/');
                    FuzzInvariantException.Assert(
                        !value.Contains('\\', StringComparison.Ordinal) && !segments.Any(s => s is "." or ".."),
                        $"{handler.Name}: accepted {name} {Escape(value)} with a . or .. segment or a backslash");
                }
            }
        }
    }

    // '$' is allowed only as Lambda's own qualifier "$LATEST" (alone or ending an ARN): nothing else can start "${".
    private static bool HasPolicyVariable(string value) =>
        value.Contains('$', StringComparison.Ordinal) && value != "$LATEST" && !value.EndsWith(":$LATEST", StringComparison.Ordinal);

    private static string Escape(string text) => JsonSerializer.Serialize(text, FuzzJsonContext.Default.String);

    private static ArgumentContext CreateContext()
    {
        // A root folder with one small file, so `path` arguments can succeed as well as fail.
        var root = Directory.CreateTempSubdirectory("sentrely-fuzz-").FullName;
        File.WriteAllText(Path.Combine(root, "artifact.txt"), "fuzz");
        return new ArgumentContext("aws", "us-east-1", "111122223333", new FixedFileRoots([root]));
    }
}
