using System.Text.Json;
using Sentrely.Configuration;
using Sentrely.Policy;

namespace Sentrely.Core.Tests.Policy;

public sealed class PolicyTestFileReaderTests
{
    [Fact]
    public void Parse_ValidCases_TypesArgumentsAsAReaderExpects()
    {
        // Arrange
        const string Yaml = """
            - name: launch
              developer: jordan
              project: api
              tool: run-instances
              arguments: { imageId: ami-1, instanceType: t3.micro, count: 2, tags: { a: "007" }, ids: [i-1], dry: true }
              expect: allow
              rule: small
            - name: list
              tool: list-permissions
              expect: deny
            """;

        // Act
        var cases = PolicyTestFileReader.Parse(Yaml, "t.yaml");

        // Assert
        Assert.Equal(2, cases.Count);
        var first = cases[0];
        Assert.Equal(("launch", "jordan", "api", "run-instances", "allow", "small", "t.yaml:1"), (first.Name, first.Developer, first.Project, first.Tool, first.Expect, first.Rule, first.Source));
        Assert.Equal(JsonValueKind.Number, first.Arguments.GetProperty("count").ValueKind);
        Assert.Equal("007", first.Arguments.GetProperty("tags").GetProperty("a").GetString());
        Assert.Equal(JsonValueKind.Array, first.Arguments.GetProperty("ids").ValueKind);
        Assert.Equal(JsonValueKind.True, first.Arguments.GetProperty("dry").ValueKind);
        Assert.Null(cases[1].Developer);
        Assert.Equal(JsonValueKind.Object, cases[1].Arguments.ValueKind);
        Assert.Equal("t.yaml:8", cases[1].Source);
    }

    [Fact]
    public void Parse_BadCases_ReportsEveryErrorWithLineAndField()
    {
        // Arrange
        const string Yaml = """
            - name: a
              tool: get-function
              expect: alow
            - name: a
              tool: get-function
              expect: deny
              argumnets: {}
            - tool: get-function
              expect: deny
              arguments: [1]
            """;

        // Act
        var ex = Assert.Throws<ConfigException>(() => PolicyTestFileReader.Parse(Yaml, "t.yaml"));

        // Assert
        var errors = ex.Errors.Select(e => $"{e.Line}:{e.Field}:{e.Code}").ToList();
        Assert.Contains($"3:cases[0].expect:{ConfigErrorCodes.InvalidValue}", errors);
        Assert.Contains($"4:cases[1].name:{ConfigErrorCodes.InvalidValue}", errors);
        Assert.Contains($"7:cases[1].argumnets:{ConfigErrorCodes.UnknownKey}", errors);
        Assert.Contains($"8:cases[2].name:{ConfigErrorCodes.MissingKey}", errors);
        Assert.Contains($"10:cases[2].arguments:{ConfigErrorCodes.WrongType}", errors);
        Assert.Contains(ex.Errors, e => e.Message.Contains("`allow`", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("name: not-a-list")]
    [InlineData("- [unclosed")]
    public void Parse_NotAListOfCases_Throws(string yaml)
    {
        // Act
        var ex = Assert.Throws<ConfigException>(() => PolicyTestFileReader.Parse(yaml, "t.yaml"));

        // Assert
        Assert.NotEmpty(ex.Errors);
    }

    [Fact]
    public void Result_Mismatch_DiffNamesExpectedAndActualRules()
    {
        // Arrange
        var testCase = new PolicyTestCase
        {
            Name = "n", Source = "t.yaml:1", Tool = "put-build-artifact", Arguments = default, Expect = "allow", Rule = "builds-rw",
        };
        var explanation = new PolicyExplanation
        {
            Tool = "put-build-artifact", Session = PolicyExplainer.Session("jordan", "api"), Verdict = "deny", Reason = "denied by rule `never-prod`: …", RuleIds = ["never-prod"],
        };

        // Act
        var result = new PolicyTestResult(testCase, explanation);

        // Assert
        Assert.False(result.Passed);
        Assert.Equal("expected allow by `builds-rw`, got deny by `never-prod`: denied by rule `never-prod`: …", result.Diff);
    }

    [Fact]
    public void Result_RightVerdictWrongRule_Fails()
    {
        // Arrange
        var testCase = new PolicyTestCase { Name = "n", Source = "s", Tool = "t", Arguments = default, Expect = "allow", Rule = "a" };
        var explanation = new PolicyExplanation { Tool = "t", Session = PolicyExplainer.Session("jordan", "api"), Verdict = "allow", Reason = "r", RuleIds = ["b"] };

        // Act
        var result = new PolicyTestResult(testCase, explanation);

        // Assert
        Assert.False(result.Passed);
        Assert.StartsWith("expected allow by `a`, got allow by `b`", result.Diff, StringComparison.Ordinal);
    }
}
