namespace Sentrely.Sandbox.Http;

/// <summary>One simulated AWS service, reached by its SigV4 scope name.</summary>
internal interface IAwsService
{
    /// <summary>Handles an authenticated request; authorization happens inside, through <see cref="SandboxCall.Authorize"/>.</summary>
    SandboxResponse Handle(SandboxCall call);
}
