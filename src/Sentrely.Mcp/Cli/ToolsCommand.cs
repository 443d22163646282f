using System.CommandLine;
using System.Text.Json;
using Sentrely.Mcp.Hosting;

namespace Sentrely.Mcp.Cli;

/// <summary><c>sentrely tools list</c>: each curated tool's access, role and IAM actions, from its manifest.</summary>
internal static class ToolsCommand
{
    public static Command Create()
    {
        var list = new Command("list", "List the curated tools with their access level, role and IAM actions") { SentrelyCli.JsonOption };
        list.SetAction(parse =>
        {
            var tools = new SentrelyTools();
            var json = parse.GetValue(SentrelyCli.JsonOption);
            if (!json)
            {
                Console.Out.WriteLine($"{"TOOL",-22} {"ACCESS",-12} {"ROLE",-7} {"APPROVAL",-9} IAM ACTIONS");
            }

            foreach (var tool in tools.Registry.Tools.Select(t => t.Manifest))
            {
                var actions = tool.Iam.SelectMany(s => s.Actions).Distinct(StringComparer.Ordinal).ToArray();
                var access = tool.Access.ToString().ToLowerInvariant();
                var approval = tool.Approval.Level.ToString().ToLowerInvariant();
                if (json)
                {
                    Console.Out.WriteLine(ToJson(tool.Name, access, tool.Role, approval, actions));
                }
                else
                {
                    Console.Out.WriteLine($"{tool.Name,-22} {access,-12} {tool.Role ?? "-",-7} {approval,-9} {(actions.Length == 0 ? "(none: answered by Sentrely)" : string.Join(", ", actions))}");
                }
            }

            return ExitCodes.Ok;
        });
        return new Command("tools", "The curated tools") { list };
    }

    private static string ToJson(string name, string access, string? role, string approval, string[] actions) => JsonObjects.ToText(w =>
    {
        w.WriteString("name", name);
        w.WriteString("access", access);
        w.WriteString("role", role);
        w.WriteString("approval", approval);
        w.WriteStrings("iamActions", actions);
    });
}
