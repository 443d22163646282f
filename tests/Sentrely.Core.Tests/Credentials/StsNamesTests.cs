using Sentrely.Credentials;
using Sentrely.Sessions;

namespace Sentrely.Core.Tests.Credentials;

public sealed class StsNamesTests
{
    [Theory]
    [InlineData("jordan", "jordan")]
    [InlineData("jordan.smith@example.com", "jordan.smith@example.com")]
    [InlineData("j", "j-")]
    [InlineData("", "--")]
    [InlineData("aws:admin", "aws-admin")]
    [InlineData("jörg müller", "j-rg-m-ller")]
    [InlineData("a/b\\c*d?e$f", "a-b-c-d-e-f")]
    public void SourceIdentity_SanitisesToStsCharset(string raw, string expected) =>
        Assert.Equal(expected, StsNames.SourceIdentity(raw));

    [Fact]
    public void SourceIdentity_LongValue_CutTo64()
    {
        Assert.Equal(64, StsNames.SourceIdentity(new string('x', 1000)).Length);
    }

    [Fact]
    public void RoleSessionName_NamesSessionAndCall_WithinStsLimits()
    {
        var session = Identifiers.NewSessionId();
        var call = Identifiers.NewCallId();

        var name = StsNames.RoleSessionName(session, call);

        Assert.Equal($"{session}.{call}", name);
        Assert.InRange(name.Length, 2, 64);
        Assert.Matches(@"^[\w+=,.@-]+$", name);
    }

    [Theory]
    [InlineData("backend-api", "backend-api")]
    [InlineData("my project/α", "my project/α")]
    [InlineData("a*b?c$d\"e", "a-b-c-d-e")]
    public void TagValue_KeepsTagCharset_ReplacesOthers(string raw, string expected) =>
        Assert.Equal(expected, StsNames.TagValue(raw));

    [Fact]
    public void SessionTags_AreTheFiveAttributionTags()
    {
        var session = new SessionContext("sess_abc", "jordan", "backend-api", "agent", "claude-code", "2.1", "stdio");

        var tags = SessionTags.For(session, "put-build-artifact");

        Assert.Equal(
            [new("agent-session", "sess_abc"), new("developer", "jordan"), new("project", "backend-api"), new("tool", "put-build-artifact"), new("actor", "agent")],
            tags);
    }
}
