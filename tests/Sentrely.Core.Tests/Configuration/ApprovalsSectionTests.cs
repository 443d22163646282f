using Sentrely.Configuration;

namespace Sentrely.Core.Tests.Configuration;

public sealed class ApprovalsSectionTests
{
    [Theory]
    [InlineData("aws:\n  region: us-east-1\n")]
    [InlineData("approvals:\n")]
    [InlineData("approvals: {}\n")]
    public void Parse_NoApprovalsSettings_Defaults(string yaml)
    {
        // Act
        var config = ConfigAssert.Valid(yaml);

        // Assert
        Assert.Equal(TimeSpan.FromMinutes(15), config.Approvals.Expiry);
        Assert.Empty(config.Approvals.Webhooks);
    }

    [Theory]
    [InlineData("15m", 15 * 60)]
    [InlineData("900s", 900)]
    [InlineData("60s", 60)]
    [InlineData("1h", 3600)]
    [InlineData("24h", 86400)]
    [InlineData("1440m", 86400)]
    public void Parse_Expiry_Kept(string expiry, int seconds)
    {
        // Act
        var config = ConfigAssert.Valid($"approvals:\n  expiry: {expiry}\n");

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(seconds), config.Approvals.Expiry);
    }

    [Theory]
    [InlineData("59s")]
    [InlineData("0m")]
    [InlineData("25h")]
    [InlineData("1441m")]
    [InlineData("15")]
    [InlineData("15min")]
    [InlineData("1d")]
    [InlineData("-5m")]
    [InlineData("1.5h")]
    [InlineData("PT15M")]
    [InlineData("99999999999h")]
    public void Parse_BadExpiry_InvalidApprovalsAtItsLine(string expiry)
    {
        // Act
        var error = ConfigAssert.Single($"aws:\n  region: us-east-1\napprovals:\n  expiry: \"{expiry}\"\n");

        // Assert
        Assert.Equal(ConfigErrorCodes.InvalidApprovals, error.Code);
        Assert.Equal("SEN1060", error.Code);
        Assert.Equal("approvals.expiry", error.Field);
        Assert.Equal(4, error.Line);
        Assert.Equal(11, error.Column);
    }

    [Fact]
    public void Parse_Webhooks_KeptInOrder()
    {
        // Arrange
        var yaml = "approvals:\n  webhooks:\n    - https://hooks.slack.com/services/T0/B0/secret\n    - http://127.0.0.1:8080/relay\n    - http://localhost/x?team=ops\n    - \"http://[::1]:9000/\"\n";

        // Act
        var config = ConfigAssert.Valid(yaml);

        // Assert
        Assert.Equal(
            ["https://hooks.slack.com/services/T0/B0/secret", "http://127.0.0.1:8080/relay", "http://localhost/x?team=ops", "http://[::1]:9000/"],
            config.Approvals.Webhooks.Select(u => u.OriginalString));
    }

    [Fact]
    public void Parse_EmptyWebhookList_NoWebhooks()
    {
        // Act
        var config = ConfigAssert.Valid("approvals:\n  expiry: 1h\n  webhooks: []\n");

        // Assert
        Assert.Empty(config.Approvals.Webhooks);
        Assert.Equal(TimeSpan.FromHours(1), config.Approvals.Expiry);
    }

    [Theory]
    [InlineData("hooks.slack.com/services/T0/B0/secret")]
    [InlineData("/var/run/secret")]
    [InlineData("ftp://hooks.example.com/secret")]
    [InlineData("http://hooks.example.com/secret")]
    [InlineData("http://10.0.0.1/secret")]
    [InlineData("https://user:pw@hooks.example.com/secret")]
    [InlineData("https://hooks.example.com/secret#frag")]
    public void Parse_BadWebhook_InvalidApprovalsWithoutTheUrl(string url)
    {
        // Act
        var error = ConfigAssert.Single($"approvals:\n  webhooks:\n    - https://ok.example.com/a\n    - \"{url}\"\n");

        // Assert
        Assert.Equal(ConfigErrorCodes.InvalidApprovals, error.Code);
        Assert.Equal("approvals.webhooks[1]", error.Field);
        Assert.Equal(4, error.Line);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateWebhook_ErrorAtTheRepeat()
    {
        // Act
        var error = ConfigAssert.Single("approvals:\n  webhooks:\n    - https://hooks.example.com/secret\n    - https://other.example.com/a\n    - HTTPS://HOOKS.example.com:443/secret\n");

        // Assert
        Assert.Equal(ConfigErrorCodes.InvalidApprovals, error.Code);
        Assert.Equal("approvals.webhooks[2]", error.Field);
        Assert.Equal(5, error.Line);
        Assert.Contains("repeats webhook 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SamePathOtherCase_NotADuplicate()
    {
        // Act
        var config = ConfigAssert.Valid("approvals:\n  webhooks:\n    - https://hooks.example.com/AbC\n    - https://hooks.example.com/abc\n");

        // Assert
        Assert.Equal(2, config.Approvals.Webhooks.Count);
    }

    [Fact]
    public void Parse_ElevenWebhooks_Error()
    {
        // Arrange
        var urls = string.Concat(Enumerable.Range(0, 11).Select(i => $"    - https://h{i}.example.com/\n"));

        // Act
        var error = ConfigAssert.Single($"approvals:\n  webhooks:\n{urls}");

        // Assert
        Assert.Equal(ConfigErrorCodes.InvalidApprovals, error.Code);
        Assert.Equal(13, error.Line);
        Assert.Contains("at most 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TenWebhooks_Kept()
    {
        // Arrange
        var urls = string.Concat(Enumerable.Range(0, 10).Select(i => $"    - https://h{i}.example.com/\n"));

        // Act
        var config = ConfigAssert.Valid($"approvals:\n  webhooks:\n{urls}");

        // Assert
        Assert.Equal(10, config.Approvals.Webhooks.Count);
    }

    [Fact]
    public void Parse_UnknownKey_ErrorWithSuggestion()
    {
        // Act
        var error = ConfigAssert.Single("approvals:\n  expiry: 15m\n  webhoks: []\n");

        // Assert
        Assert.Equal(ConfigErrorCodes.UnknownKey, error.Code);
        Assert.Equal("approvals.webhoks", error.Field);
        Assert.Equal(3, error.Line);
        Assert.Equal(3, error.Column);
        Assert.Contains("`webhooks`", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("approvals: 15m\n", "approvals", ConfigErrorCodes.WrongType)]
    [InlineData("approvals:\n  webhooks: https://hooks.example.com/\n", "approvals.webhooks", ConfigErrorCodes.WrongType)]
    [InlineData("approvals:\n  expiry:\n", "approvals.expiry", ConfigErrorCodes.MissingKey)]
    [InlineData("approvals:\n  expiry: [15m]\n", "approvals.expiry", ConfigErrorCodes.WrongType)]
    public void Parse_WrongShape_Error(string yaml, string field, string code)
    {
        // Act
        var error = ConfigAssert.Single(yaml);

        // Assert
        Assert.Equal(field, error.Field);
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Parse_AllApprovalErrors_ReportedTogether()
    {
        // Act
        var errors = ConfigAssert.Invalid("approvals:\n  expiry: 2d\n  webhooks:\n    - http://example.com/\n    - ftp://x/\n");

        // Assert
        Assert.Equal([2, 4, 5], errors.Select(e => e.Line));
    }
}
