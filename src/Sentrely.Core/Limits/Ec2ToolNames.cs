namespace Sentrely.Limits;

/// <summary>Gets the names of the curated tools that change which instances run.</summary>
internal static class Ec2ToolNames
{
    public const string RunInstances = "run-instances";
    public const string StartInstances = "start-instances";
    public const string StopInstances = "stop-instances";
    public const string TerminateInstances = "terminate-instances";
}
