using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sentrely.Arguments;
using Sentrely.Configuration;
using Sentrely.Invocation;
using Sentrely.Mcp.Cli;
using Sentrely.Mcp.Hosting;
using Sentrely.Pipeline;
using Sentrely.Policy;

namespace Sentrely.EndToEnd.Tests.Policy;

/// <summary>
/// No argument is invisible to the policy. Generated from the embedded catalog (manifests and the handlers' input
/// schemas): for every tool and every argument, a deny rule with a <c>when</c> on that argument's value denies a valid
/// call carrying it, run through the production stages (argument validation, then policy) — or the rule is refused at
/// load. A new tool or argument is covered without editing this test, once it has a sample value below.
/// </summary>
public sealed class WhenCoverageTests : IDisposable
{
    private const string Aws = """
        aws:
          accountId: "111122223333"
          roles:
            read: arn:aws:iam::111122223333:role/r
            deploy: arn:aws:iam::111122223333:role/d

        """;

    // A valid value per argument name, as JSON. An argument without one fails the test: add its sample here.
    private static readonly Dictionary<string, string> Samples = new(StringComparer.Ordinal)
    {
        ["bucket"] = "\"my-app-deployments\"", ["key"] = "\"builds/1.4.2/app.zip\"", ["text"] = "\"hello\"", ["contentBase64"] = "\"aGVsbG8gd29ybGQ=\"",
        ["path"] = "\"app.zip\"", ["contentType"] = "\"application/zip\"", ["prefix"] = "\"builds/\"", ["maxKeys"] = "10", ["continuationToken"] = "\"token-1\"",
        ["functionName"] = "\"webhooks-1\"", ["zipBase64"] = "\"UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==\"", ["s3Bucket"] = "\"my-app-deployments\"", ["s3Key"] = "\"pkg/app.zip\"",
        ["imageUri"] = "\"111122223333.dkr.ecr.us-east-1.amazonaws.com/app@sha256:" + new string('a', 64) + "\"", ["publish"] = "true", ["dryRun"] = "true", ["revisionId"] = "\"abc-123\"",
        ["qualifier"] = "\"live\"", ["marker"] = "\"marker-1\"", ["maxItems"] = "10", ["instanceIds"] = "[\"i-0aaaaaaaaaaaaaaaa\",\"i-0bbbbbbbbbbbbbbbb\"]",
        ["filters"] = "[{\"name\":\"instance-state-name\",\"values\":[\"running\"]}]", ["maxResults"] = "10", ["nextToken"] = "\"next-1\"",
        ["imageId"] = "\"ami-0aaaaaaaaaaaaaaaa\"", ["instanceType"] = "\"t3.micro\"", ["count"] = "2", ["subnetId"] = "\"subnet-0aaaaaaa\"",
        ["securityGroupIds"] = "[\"sg-0aaaaaaa\"]", ["keyName"] = "\"dev-key\"", ["tags"] = "{\"Team\":\"web\"}",
    };

    private static readonly byte[] PathSampleBytes = Encoding.UTF8.GetBytes("zip bytes");

    private readonly string _root = Directory.CreateTempSubdirectory("sentrely-when-").FullName;
    private readonly SentrelyTools _tools = new();

    public WhenCoverageTests() => File.WriteAllBytes(Path.Combine(_root, "app.zip"), PathSampleBytes);

    public static TheoryData<string, string> Arguments()
    {
        var data = new TheoryData<string, string>();
        foreach (var tool in new SentrelyTools().Registry.Tools)
        {
            foreach (var property in ArgumentKinds.InputProperties(tool.Handler.ArgumentsType))
            {
                data.Add(tool.Manifest.Name, property.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Arguments))]
    public async Task DenyWithWhenOnArgument_MatchingCall_IsDeniedByThatRuleOrRefusedAtLoad(string toolName, string argument)
    {
        // Arrange
        Assert.True(Samples.ContainsKey(argument), $"`{argument}` of `{toolName}` has no sample value: add one to {nameof(Samples)}");
        var tool = _tools.Registry.Find(toolName)!;
        var call = await ValidCallWithAsync(tool, argument);
        var condition = ConditionMatching(tool, argument, JsonNode.Parse(Samples[argument])!);
        var denyYaml = $"""
                - id: deny-it
                  effect: deny
                  tools: [{toolName}]
                  when: {condition}
            """;
        SentrelyConfig config;
        try
        {
            config = Parse(denyYaml);
        }
        catch (ConfigException ex)
        {
            // Refused at load is the other acceptable answer: the rule is never silently inert.
            Assert.Contains(ex.Errors, e => e.Field.StartsWith("policy.rules[1].when", StringComparison.Ordinal));
            return;
        }

        // Act
        var baseline = await ExplainAsync(Parse(""), toolName, call);
        var denied = await ExplainAsync(config, toolName, call);

        // Assert: without the deny the call gets past the policy; with it, that deny refuses it.
        Assert.NotEqual(ExplainVerdicts.Deny, baseline.Verdict);
        Assert.Equal(ExplainVerdicts.Deny, denied.Verdict);
        Assert.Equal(["deny-it"], denied.RuleIds);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private SentrelyConfig Parse(string extraRules) => SentrelyConfigLoader.Parse(
        Aws + "policy:\n  rules:\n    - { id: all, effect: allow, tools: [\"*\"] }\n" + extraRules, "when.yaml", _tools.Catalog);

    private async Task<PolicyExplanation> ExplainAsync(SentrelyConfig config, string tool, JsonElement call) =>
        await PolicyMachinery.Explainer(_tools).ExplainAsync(
            ActiveConfiguration.From(config), PolicyExplainer.Session("jordan", "backend-api"), tool, call, new FixedFileRoots([_root]), default);

    // The required arguments and the one under test, plus the fewest other arguments that make the call valid
    // (a code source for `publish`, `s3Key` for `s3Bucket`): found by asking the handler itself.
    private async Task<JsonElement> ValidCallWithAsync(RegisteredTool tool, string argument)
    {
        var properties = ArgumentKinds.InputProperties(tool.Handler.ArgumentsType);
        var required = properties.Where(p => p.IsRequired).Select(p => p.Name).Append(argument).Distinct().ToList();
        var optional = properties.Select(p => p.Name).Except(required).ToList();
        IEnumerable<string[]> extras = [[], .. optional.Select(o => new[] { o }), .. optional.SelectMany((a, i) => optional.Skip(i + 1).Select(b => new[] { a, b }))];
        var context = new ArgumentContext("aws", "us-east-1", "111122223333", new FixedFileRoots([_root]));
        foreach (var extra in extras)
        {
            var call = new JsonObject();
            foreach (var name in required.Concat(extra))
            {
                call[name] = JsonNode.Parse(Samples[name]);
            }

            using var document = JsonDocument.Parse(call.ToJsonString());
            var element = document.RootElement.Clone();
            if ((await tool.Handler.ValidateAsync(element, context, default)).Arguments is not null)
            {
                return element;
            }
        }

        throw new InvalidOperationException($"no valid call of `{tool.Manifest.Name}` carries `{argument}`: fix its sample value");
    }

    // A condition the sample satisfies, written from the sample and the argument's kind (not from the policy's own view).
    private string ConditionMatching(RegisteredTool tool, string argument, JsonNode sample)
    {
        var kind = _tools.Catalog.KindsByTool[tool.Manifest.Name].GetValueOrDefault(argument, (ArgumentKind)(-1));
        return kind switch
        {
            ArgumentKind.Number => $"{{ {argument}: {{ min: {sample}, max: {sample} }} }}",
            ArgumentKind.Boolean => $"{{ {argument}: [{sample}] }}",
            ArgumentKind.TextList => $"{{ {argument}: [{sample.AsArray()[^1]!.ToJsonString()}] }}",
            ArgumentKind.TextMap when sample is JsonObject map => $"{{ {argument}: {{ {map.First().Key}: [{map.First().Value!.ToJsonString()}] }} }}",
            ArgumentKind.TextMap => $"{{ {argument}: {{ {sample[0]!["name"]}: [{sample[0]!["values"]![0]!.ToJsonString()}] }} }}",
            ArgumentKind.Blob => $"{{ {argument}: {{ sha256: [{Sha256(argument, sample.GetValue<string>())}] }} }}",
            _ => $"{{ {argument}: [{sample.ToJsonString()}] }}",
        };
    }

    // The bytes a sample sends: a `path` sends the file it names, base64 arguments their decoded bytes, text its UTF-8.
    private static string Sha256(string argument, string value) => Convert.ToHexStringLower(SHA256.HashData(
        argument == "path" ? PathSampleBytes
        : argument.EndsWith("Base64", StringComparison.Ordinal) ? Convert.FromBase64String(value)
        : Encoding.UTF8.GetBytes(value)));
}
