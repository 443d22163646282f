namespace Sentrely.EndToEnd.Tests.Policy;

public sealed class PolicyTestCommandTests
{
    private const string Example = "examples/policy-tests/example.yaml";
    private const string Config = "examples/sentrely.yaml";

    [Fact]
    public async Task PolicyTest_ShippedExample_PassesWithExitZero()
    {
        // Act
        var (exit, stdout, stderr) = await PolicyCli.RunAsync("policy", "test", Example, "--config", Config);

        // Assert
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("✔ builds can be uploaded (allow by `builds-rw`)", stdout, StringComparison.Ordinal);
        Assert.Matches(@"policy test: (\d+) cases, \1 as expected, 0 mismatched", stdout);
    }

    [Fact]
    public async Task PolicyTest_WrongExpectation_ExitsOneWithAReadableDiff()
    {
        // Arrange
        var file = PolicyCli.TempFile("wrong.yaml", """
            - name: prod builds are writable
              developer: jordan
              project: backend-api
              tool: put-build-artifact
              arguments: { bucket: my-app-deployments, key: builds/prod/app.zip, text: x }
              expect: allow
              rule: builds-rw
            - name: other buckets are denied
              tool: get-build-artifact
              arguments: { bucket: elsewhere, key: builds/app.zip }
              expect: deny
            """);

        // Act
        var (exit, stdout, _) = await PolicyCli.RunAsync("policy", "test", file, "--config", Config);

        // Assert
        Assert.Equal(1, exit);
        Assert.Contains("✖ prod builds are writable", stdout, StringComparison.Ordinal);
        Assert.Contains(
            "expected allow by `builds-rw`, got deny by `never-prod`: denied by rule `never-prod`: explicit deny of `put-build-artifact` on `arn:aws:s3:::my-app-deployments/builds/prod/app.zip`",
            stdout,
            StringComparison.Ordinal);
        Assert.Contains($"at {file}:1", stdout, StringComparison.Ordinal);
        Assert.Contains("✔ other buckets are denied (deny, PolicyDenied)", stdout, StringComparison.Ordinal);
        Assert.Contains("policy test: 2 cases, 1 as expected, 1 mismatched", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyTest_MalformedFile_ExitsTwoNamingFileAndLine()
    {
        // Arrange
        var file = PolicyCli.TempFile("bad.yaml", """
            - name: typo
              tool: get-function
              expect: allowed
            """);

        // Act
        var (exit, stdout, stderr) = await PolicyCli.RunAsync("policy", "test", file, "--config", Config);

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains($"{file}:3:", stderr, StringComparison.Ordinal);
        Assert.Contains("cases[0].expect", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("cases:", stdout, StringComparison.Ordinal);
    }
}
