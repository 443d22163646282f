using Sentrely.Sandbox.Http;

namespace Sentrely.Sandbox.Services;

internal sealed class LambdaService : IAwsService
{
    public SandboxResponse Handle(SandboxCall call) => throw new NotImplementedException();
}
