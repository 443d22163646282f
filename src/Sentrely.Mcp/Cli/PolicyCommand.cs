using System.CommandLine;

namespace Sentrely.Mcp.Cli;

/// <summary><c>sentrely policy validate|explain|test</c>: check, explain and test the policy without calling AWS.</summary>
internal static class PolicyCommand
{
    public static Command Create() => new("policy", "Check, explain and test the policy of sentrely.yaml (no AWS call, no audit record)")
    {
        PolicyValidateCommand.Create(),
        PolicyExplainCommand.Create(),
        PolicyTestCommand.Create(),
    };
}
