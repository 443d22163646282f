using System.Globalization;
using Sentrely.Pipeline;

namespace Sentrely.Limits;

/// <summary>Gets the instances a call would make run: a launch, or a start of stopped instances the ledger knows.</summary>
/// <param name="Verb">How the message describes it: <c>launching</c> or <c>starting</c>.</param>
/// <param name="InstanceTypes">One entry per instance.</param>
internal sealed record PlannedLaunch(string Verb, IReadOnlyList<string> InstanceTypes)
{
    /// <summary>Returns what the call would make run, or null when it makes nothing run that the caps count.</summary>
    public static async ValueTask<PlannedLaunch?> FromAsync(ToolCallContext context, IInstanceLedger ledger, CancellationToken cancellationToken)
    {
        var values = (context.Arguments ?? throw new InvalidOperationException("arguments must be validated before cost limits")).Values;
        switch (context.Tool?.Manifest.Name)
        {
            case Ec2ToolNames.RunInstances:
                var type = values["instanceType"].Single();
                var count = int.Parse(values["count"].Single(), NumberStyles.None, CultureInfo.InvariantCulture);
                return new PlannedLaunch("launching", Enumerable.Repeat(type, count).ToList());
            case Ec2ToolNames.StartInstances:
                // Only instances Sentrely launched are counted; starting an instance it never launched is not (see README).
                var known = await ledger.FindAsync(values["instanceIds"].ToList(), cancellationToken).ConfigureAwait(false);
                var stopped = known.Where(i => i.State == LedgerInstanceState.Stopped).Select(i => i.InstanceType).ToList();
                return stopped.Count == 0 ? null : new PlannedLaunch("starting", stopped);
            default:
                return null;
        }
    }

    /// <summary>Returns <c>launching 2 t3.micro instances</c> or <c>starting 1 instance</c>.</summary>
    public string Describe()
    {
        var n = InstanceTypes.Count;
        var types = InstanceTypes.Distinct(StringComparer.Ordinal).ToList();
        var what = types.Count == 1 ? $"{types[0]} instance" : "instance";
        return $"{Verb} {n} {what}{(n == 1 ? "" : "s")}";
    }
}
