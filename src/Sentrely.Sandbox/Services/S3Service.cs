using Sentrely.Sandbox.Http;

namespace Sentrely.Sandbox.Services;

internal sealed class S3Service : IAwsService
{
    public SandboxResponse Handle(SandboxCall call) => throw new NotImplementedException();
}
