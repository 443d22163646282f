using System.Text.Json;
using Sentrely.Arguments;
using Sentrely.Policy;

namespace Sentrely.Core.Tests.Policy;

/// <summary>What <c>when</c> sees of a call: every argument given, from the raw JSON and the tool's argument kinds.</summary>
public sealed class PolicyArgumentViewTests
{
    private static readonly Dictionary<string, ArgumentKind> Kinds = new()
    {
        ["functionName"] = ArgumentKind.Text, ["publish"] = ArgumentKind.Boolean, ["count"] = ArgumentKind.Number, ["ids"] = ArgumentKind.TextList,
        ["tags"] = ArgumentKind.TextMap, ["filters"] = ArgumentKind.TextMap, ["zipBase64"] = ArgumentKind.Blob, ["imageUri"] = ArgumentKind.Text,
    };

    private static IReadOnlyDictionary<string, PolicyValue> View(string json, Dictionary<string, IReadOnlyList<string>>? recorded = null, Dictionary<string, ContentDigest>? contents = null)
    {
        using var document = JsonDocument.Parse(json);
        return PolicyArgumentView.Of(document.RootElement, Kinds, new ValidatedArguments { Typed = new object(), Values = recorded ?? [], Contents = contents ?? [] });
    }

    [Fact]
    public void Of_ArgumentsTheHandlerDoesNotRecord_AreAllVisible()
    {
        // Act
        var view = View("""
            {"imageUri":"999999999999.dkr.ecr.us-east-1.amazonaws.com/app:1","publish":true,"count":2.0,"ids":["a","b"],
             "tags":{"Team":"web"},"filters":[{"name":"tag:Env","values":["prod","dev"]}]}
            """);

        // Assert
        Assert.Equal(["999999999999.dkr.ecr.us-east-1.amazonaws.com/app:1"], view["imageUri"].Items);
        Assert.Equal(["true"], view["publish"].Items);
        Assert.Equal(["2"], view["count"].Items);
        Assert.Equal(["a", "b"], view["ids"].Items);
        Assert.Equal(["web"], view["tags"].Entries!["Team"]);
        Assert.Equal(["prod", "dev"], view["filters"].Entries!["tag:Env"]);
    }

    [Fact]
    public void Of_RecordedValue_WinsOverRawText()
    {
        // Act: a function given as an ARN is recorded as its name, so rules on the name see the name.
        var view = View("""{"functionName":"arn:aws:lambda:us-east-1:111122223333:function:payments"}""", new() { ["functionName"] = ["payments"] });

        // Assert
        Assert.Equal(["payments"], view["functionName"].Items);
    }

    [Fact]
    public void Of_ContentArgument_IsItsRecordedDigestAndNullIsAbsent()
    {
        // Arrange
        var digest = ContentDigest.Of("zip"u8);

        // Act
        var view = View("""{"zipBase64":"emlw","imageUri":null}""", contents: new() { ["zipBase64"] = digest });

        // Assert
        Assert.Equal(digest, view["zipBase64"].Content);
        Assert.Empty(view["zipBase64"].Items);
        Assert.False(view.ContainsKey("imageUri"));
    }

    [Fact]
    public void Of_ContentArgumentWithoutDigest_FailsClosed()
    {
        // Act + Assert: a handler that forgot to record the digest must not let a sha256 deny silently miss.
        Assert.Throws<InvalidOperationException>(() => View("""{"zipBase64":"emlw"}"""));
    }
}
