using Sentrely.Invocation;
using Sentrely.Manifests;
using Sentrely.TestUtilities;

namespace Sentrely.Core.Tests.Invocation;

public sealed class ToolRegistryTests
{
    [Fact]
    public void Create_ManifestAndHandlerPaired_FindsTool()
    {
        var handler = new FakeToolHandler("put-thing");

        var registry = ToolRegistry.Create([handler.Manifest()], [handler]);

        Assert.Same(handler, registry.Find("put-thing")!.Handler);
        Assert.Null(registry.Find("other"));
    }

    [Fact]
    public void Create_ManifestWithoutHandler_Throws()
    {
        var handler = new FakeToolHandler("put-thing");

        var ex = Assert.Throws<InvalidOperationException>(() => ToolRegistry.Create([handler.Manifest(), new FakeToolHandler("orphan").Manifest()], [handler]));

        Assert.Contains("manifest `orphan`", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_HandlerWithoutManifest_Throws()
    {
        var handler = new FakeToolHandler("put-thing");

        var ex = Assert.Throws<InvalidOperationException>(() => ToolRegistry.Create([handler.Manifest()], [handler, new FakeToolHandler("extra")]));

        Assert.Contains("handler `extra` has no manifest", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PlaceholderThatIsNoArgument_Throws()
    {
        var handler = new FakeToolHandler("put-thing");
        var manifest = handler.Manifest() with { Iam = [new IamStatementTemplate(["s3:PutObject"], ["arn:{partition}:s3:::{bucket}/{objectKey}"], [])] };

        var ex = Assert.Throws<InvalidOperationException>(() => ToolRegistry.Create([manifest], [handler]));

        Assert.Contains("`{objectKey}`", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RedactionOfUnknownArgument_Throws()
    {
        var handler = new FakeToolHandler("put-thing");

        var ex = Assert.Throws<InvalidOperationException>(() => ToolRegistry.Create([handler.Manifest() with { BlobArguments = ["content"] }], [handler]));

        Assert.Contains("redacts `content`", ex.Message, StringComparison.Ordinal);
    }
}
