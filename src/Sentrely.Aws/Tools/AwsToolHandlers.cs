using Sentrely.Aws.Tools.Ec2;
using Sentrely.Aws.Tools.Lambda;
using Sentrely.Aws.Tools.S3;
using Sentrely.Invocation;

namespace Sentrely.Aws.Tools;

/// <summary>Creates the handlers of the curated AWS tools.</summary>
public static class AwsToolHandlers
{
    /// <summary>Returns one handler per curated AWS tool.</summary>
    /// <param name="factory">Returns the client factory; called per call, after the configuration is loaded.</param>
    /// <param name="time">The clock.</param>
    public static IReadOnlyList<IToolHandler> Create(Func<AwsClientFactory> factory, TimeProvider time)
    {
        var clients = new AwsClients(factory, time);
        return
        [
            new PutBuildArtifactHandler(clients),
            new GetBuildArtifactHandler(clients),
            new ListBuildArtifactsHandler(clients),
            new UpdateFunctionCodeHandler(clients),
            new GetFunctionHandler(clients),
            new ListFunctionsHandler(clients),
            new DescribeInstancesHandler(clients),
            new RunInstancesHandler(clients),
            new StartInstancesHandler(clients),
            new StopInstancesHandler(clients),
            new TerminateInstancesHandler(clients),
        ];
    }
}
