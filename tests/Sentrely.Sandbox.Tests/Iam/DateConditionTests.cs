using Sentrely.Sandbox.Policy;

namespace Sentrely.Sandbox.Tests.Iam;

public sealed class DateConditionTests
{
    [Theory]
    [InlineData("DateLessThan", "2026-01-01T09:59:59.999Z", true)]
    [InlineData("DateLessThan", "2026-01-01T10:00:00Z", false)]
    [InlineData("DateLessThan", "2026-01-01T10:00:01Z", false)]
    [InlineData("DateLessThan", null, false)]
    [InlineData("DateLessThan", "not-a-date", false)]
    [InlineData("DateGreaterThan", "2026-01-01T10:00:01Z", true)]
    [InlineData("DateGreaterThan", "2026-01-01T10:00:00Z", false)]
    public void IsSatisfied_TokenIssueTime_ComparesAsInstants(string op, string? issued, bool satisfied)
    {
        // Arrange
        var condition = new PolicyCondition(op, "aws:TokenIssueTime", ["2026-01-01T10:00:00Z"]);
        var context = issued is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["aws:tokenissuetime"] = issued };

        // Act
        var result = condition.IsSatisfied(context);

        // Assert
        Assert.Equal(satisfied, result);
    }
}
