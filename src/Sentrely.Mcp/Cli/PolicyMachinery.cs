using Sentrely.Configuration;
using Sentrely.Credentials;
using Sentrely.Limits;
using Sentrely.Mcp.Hosting;
using Sentrely.Policy;
using Sentrely.Sessions;

namespace Sentrely.Mcp.Cli;

/// <summary>What <c>policy explain</c> and <c>policy test</c> share: the server's tools and stages, and its session defaults.</summary>
internal static class PolicyMachinery
{
    /// <summary>Returns an explainer over the production tools and stages.</summary>
    public static PolicyExplainer Explainer(SentrelyTools tools) =>
        new(tools.Registry, SentrelyRuntime.Stages(tools.RateLimits, tools.Ledger, ExplainKillSwitch, new ApprovalPreviewStage()), Obligations());

    // The explainer never runs the kill switch (live state); should that change, this one refuses every call.
    private static KillSwitchStage ExplainKillSwitch { get; } = new(new UnreadableSessionRegistry(), _ => { }, TimeProvider.System);

    /// <summary>Returns the obligation sources: approval, and the rate and cost limits that would apply.</summary>
    public static IObligationSource[] Obligations() => [new ApprovalObligations(), new LimitObligations()];

    /// <summary>Returns the session of an explained call, with the defaults <c>serve</c> uses in stdio mode.</summary>
    public static SessionContext Session(SentrelyConfig config, string? developer, string? project)
    {
        var dev = developer ?? config.Identity.Developer ?? Environment.UserName;
        var proj = project ?? config.Identity.Project ?? Path.GetFileName(Environment.CurrentDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return PolicyExplainer.Session(StsNames.SourceIdentity(dev), StsNames.TagValue(string.IsNullOrEmpty(proj) ? "default" : proj));
    }

    /// <summary>Returns the folders <c>path</c> arguments may read: the working directory stands in for the client's first root.</summary>
    public static FixedFileRoots Roots(SentrelyConfig config) => new([Environment.CurrentDirectory, .. config.Files.Roots]);
}
