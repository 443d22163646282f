using Sentrely.Sandbox.Policy;

namespace Sentrely.Sandbox.Tests.Policy;

public sealed class ConditionOperatorTests
{
    [Theory]
    [InlineData("StringLike", "t3.*", "t3.micro", true)]
    [InlineData("StringNotLike", "t3.*", "t3.micro", false)]
    [InlineData("StringNotLike", "t3.*", "m5.large", true)]
    [InlineData("StringNotLike", "t3.*", null, true)]
    [InlineData("StringEqualsIgnoreCase", "T3.MICRO", "t3.micro", true)]
    [InlineData("ArnLike", "arn:aws:iam::*:role/sentrely-*", "arn:aws:iam::111122223333:role/sentrely-broker", true)]
    [InlineData("ArnEquals", "arn:aws:iam::*:role/sentrely-*", "arn:aws:iam::111122223333:role/other", false)]
    [InlineData("ArnNotLike", "arn:aws:iam::*:role/sentrely-*", "arn:aws:iam::111122223333:role/other", true)]
    [InlineData("Bool", "true", "true", true)]
    [InlineData("Bool", "true", "false", false)]
    [InlineData("Bool", "true", null, false)]
    [InlineData("BoolIfExists", "true", null, true)]
    [InlineData("Null", "true", null, true)]
    [InlineData("Null", "true", "x", false)]
    [InlineData("Null", "false", "x", true)]
    [InlineData("NumericLessThan", "10", "9", true)]
    [InlineData("NumericLessThan", "10", "10", false)]
    [InlineData("NumericLessThanEquals", "10", "10", true)]
    [InlineData("NumericGreaterThan", "10", "10.5", true)]
    [InlineData("NumericGreaterThanEquals", "10", "9", false)]
    [InlineData("NumericLessThan", "10", "ten", false)]
    [InlineData("DateGreaterThan", "2026-01-01T00:00:00Z", "1767225601", true)]
    [InlineData("DateLessThanEquals", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", true)]
    [InlineData("ForAllValues:StringEquals", "actor", null, true)]
    [InlineData("ForAllValues:StringEquals", "actor", "tool", false)]
    [InlineData("ForAnyValue:StringEquals", "actor", null, false)]
    [InlineData("ForAnyValue:StringLike", "act*", "actor", true)]
    [InlineData("StringEqualsIfExists", "t3.micro", null, true)]
    [InlineData("StringEqualsIfExists", "t3.micro", "m5.large", false)]
    public void Evaluate_KnownOperators_FollowIam(string op, string expected, string? actual, bool satisfied)
    {
        // Arrange
        var condition = new PolicyCondition(op, "k:Key", [expected]);
        var context = actual is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["K:key"] = actual };

        // Act
        var result = condition.Evaluate(context);

        // Assert
        Assert.Equal(satisfied, result);
    }

    [Theory]
    [InlineData("IpAddress")]
    [InlineData("NullIfExists")]
    [InlineData("ForAnyValue:Null")]
    [InlineData("stringequals")]
    [InlineData("IfExists")]
    public void Evaluate_UnknownOperator_IsNullAndNeverSatisfied(string op)
    {
        // Arrange
        var condition = new PolicyCondition(op, "k", ["v"]);
        var context = new Dictionary<string, string> { ["k"] = "v" };

        // Act
        var result = condition.Evaluate(context);

        // Assert
        Assert.Null(result);
        Assert.False(condition.IsSatisfied(context));
        Assert.False(condition.IsKnown);
    }

    [Fact]
    public void TryParseIdentity_NotActionAndUnknownOperator_AcceptedWhileSessionParserRejects()
    {
        // Arrange
        const string Json = """{"Statement":[{"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:x","Condition":{"IpAddress":{"aws:SourceIp":"1.2.3.4"},"Bool":{"aws:SecureTransport":true}}}]}""";

        // Act
        var identity = SessionPolicyParser.TryParseIdentity(Json, out var identityError);
        var session = SessionPolicyParser.TryParse(Json, out var sessionError);

        // Assert
        var statement = Assert.Single(Assert.IsType<SessionPolicy>(identity, exactMatch: false).Statements);
        Assert.True(statement.NotAction && statement.NotResource);
        Assert.Equal(["IpAddress", "Bool"], statement.Conditions.Select(c => c.Operator));
        Assert.Equal("true", statement.Conditions[1].Values[0]);
        Assert.Empty(identityError);
        Assert.Null(session);
        Assert.NotEmpty(sessionError);
    }
}
