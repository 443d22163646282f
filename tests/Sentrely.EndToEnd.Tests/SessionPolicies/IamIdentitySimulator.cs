using System.Diagnostics;
using System.Text.Json;
using Sentrely.TestUtilities;

namespace Sentrely.EndToEnd.Tests.SessionPolicies;

/// <summary>Runs npm <c>@cloud-copilot/iam-simulate</c> (AGPL, test-time only) on an identity policy alone, in a separate Node process.</summary>
internal static class IamIdentitySimulator
{
    public sealed record Case(string Id, string IdentityPolicy, string Action, string Resource, IReadOnlyDictionary<string, string> Context);

    public static async Task<IReadOnlyDictionary<string, string>> EvaluateAsync(IEnumerable<Case> cases)
    {
        var tools = Path.Combine(RepositoryRoot.Path, "tests", "tools");
        if (!Directory.Exists(Path.Combine(tools, "node_modules", "@cloud-copilot", "iam-simulate")))
        {
            throw new InvalidOperationException("npm packages missing: run `npm ci` in tests/tools (./test.sh does)");
        }

        var info = new ProcessStartInfo("node", ["iam-identity-simulate.mjs"])
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
            await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["id"] = c.Id,
                ["identityPolicy"] = c.IdentityPolicy,
                ["action"] = c.Action,
                ["resource"] = c.Resource,
                ["accountId"] = "111122223333",
                ["context"] = c.Context,
            }));
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await errors);
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("result").GetString()!);
    }
}
