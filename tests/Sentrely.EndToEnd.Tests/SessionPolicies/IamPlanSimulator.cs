using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sentrely.TestUtilities;

namespace Sentrely.EndToEnd.Tests.SessionPolicies;

/// <summary>
/// Runs npm <c>@cloud-copilot/iam-simulate</c> (AGPL, test-time only) in a separate Node process on whole requests:
/// identity policies, an optional session policy and an optional resource policy (a role's trust policy).
/// </summary>
internal static class IamPlanSimulator
{
    public const string Allowed = "Allowed";
    public const string ImplicitlyDenied = "ImplicitlyDenied";
    public const string ExplicitlyDenied = "ExplicitlyDenied";

    /// <summary>An expectation met by either denial (implicit or explicit).</summary>
    public const string Denied = "Denied";

    /// <summary>One request and the result expected. Context values are strings, or string arrays for multi-valued keys.</summary>
    public sealed record Case(
        string Id,
        string Expected,
        IReadOnlyList<string> IdentityPolicies,
        string Principal,
        string Action,
        string Resource,
        IReadOnlyDictionary<string, object>? Context = null,
        string? SessionPolicy = null,
        string? ResourcePolicy = null);

    /// <summary>What the evaluator said, and the context keys it did not know for the request.</summary>
    public sealed record Verdict(string Result, IReadOnlyList<string> Ignored);

    public static async Task<IReadOnlyDictionary<string, Verdict>> EvaluateAsync(IEnumerable<Case> cases)
    {
        var tools = Path.Combine(RepositoryRoot.Path, "tests", "tools");
        if (!Directory.Exists(Path.Combine(tools, "node_modules", "@cloud-copilot", "iam-simulate")))
        {
            throw new InvalidOperationException("npm packages missing: run `npm ci` in tests/tools (./test.sh does)");
        }

        var info = new ProcessStartInfo("node", ["iam-plan-simulate.mjs"])
        {
            WorkingDirectory = tools,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        foreach (var c in cases)
        {
            var line = new JsonObject
            {
                ["id"] = c.Id,
                ["identityPolicies"] = new JsonArray([.. c.IdentityPolicies.Select(p => JsonNode.Parse(p))]),
                ["principal"] = c.Principal,
                ["action"] = c.Action,
                ["resource"] = c.Resource,
                ["accountId"] = "111122223333",
                ["context"] = Context(c.Context),
            };
            if (c.SessionPolicy is not null)
            {
                line["sessionPolicy"] = JsonNode.Parse(c.SessionPolicy);
            }

            if (c.ResourcePolicy is not null)
            {
                line["resourcePolicy"] = JsonNode.Parse(c.ResourcePolicy);
            }

            await process.StandardInput.WriteLineAsync(line.ToJsonString());
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await errors);
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(
                e => e.GetProperty("id").GetString()!,
                e => new Verdict(e.GetProperty("result").GetString()!, [.. e.GetProperty("ignored").EnumerateArray().Select(k => k.GetString()!)]));
    }

    /// <summary>Evaluates the cases and asserts each got its expected result, with no context key silently dropped.</summary>
    public static async Task AssertAllAsync(IReadOnlyList<Case> cases)
    {
        Assert.Equal(cases.Count, cases.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
        var verdicts = await EvaluateAsync(cases);

        var failures = cases
            .Where(c => !Meets(verdicts[c.Id].Result, c.Expected) || verdicts[c.Id].Ignored.Count > 0)
            .Select(c => $"{c.Id}: expected {c.Expected}, the IAM evaluator said {verdicts[c.Id].Result}"
                + (verdicts[c.Id].Ignored.Count > 0 ? $" (ignored context keys: {string.Join(", ", verdicts[c.Id].Ignored)})" : "")
                + $"\n  identity policies: {string.Join(" ", c.IdentityPolicies)}\n  session policy: {c.SessionPolicy ?? "(none)"}\n  resource policy: {c.ResourcePolicy ?? "(none)"}")
            .ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static bool Meets(string result, string expected) =>
        result == expected || (expected == Denied && result is ImplicitlyDenied or ExplicitlyDenied);

    private static JsonObject Context(IReadOnlyDictionary<string, object>? context)
    {
        var json = new JsonObject();
        foreach (var (key, value) in context ?? new Dictionary<string, object>())
        {
            json[key] = value switch
            {
                string s => s,
                IEnumerable<string> many => new JsonArray([.. many.Select(v => (JsonNode?)v)]),
                _ => throw new ArgumentException($"context value of {key} must be a string or strings"),
            };
        }

        return json;
    }
}
