namespace Sentrely.EndToEnd.Tests.Policy;

public sealed class PolicyValidateCommandTests
{
    private const string Header = """
        aws:
          accountId: "111122223333"
          roles: { read: "arn:aws:iam::111122223333:role/r", deploy: "arn:aws:iam::111122223333:role/d" }
        policy:
          rules:
        """;

    [Fact]
    public async Task PolicyValidate_ExampleConfigInTheRepository_IsOkAndNotRefused()
    {
        // Act: the config lies under the working directory, which `serve` refuses but validate must not.
        var (exit, stdout, stderr) = await PolicyCli.RunAsync("policy", "validate", "--config", "examples/sentrely.yaml");

        // Assert: the example's `via: reviewer` rule carries the stdio-mode honesty warning; its `*` deny a note on the unscoped tools.
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("warning SEN1102 policy.rules[4] (`dev-instances`): `approval: { via: reviewer }` cannot stop self-approval", stdout, StringComparison.Ordinal);
        Assert.Contains("note SEN1103 policy.rules[7] (`never-prod`)", stdout, StringComparison.Ordinal);
        Assert.EndsWith("ok: 8 rules, 1 warnings, 1 notes", stdout.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyValidate_Warnings_ExitZeroThenTwoWithStrict()
    {
        // Arrange
        var config = PolicyCli.TempFile("sentrely.yaml", Header + """

                - id: uploads
                  effect: allow
                  tools: [put-build-artifact]
                - id: no-uploads
                  effect: deny
                  tools: [put-build-artifact]
            """);

        // Act
        var (exit, stdout, _) = await PolicyCli.RunAsync("policy", "validate", "--config", config);
        var (strictExit, strictStdout, _) = await PolicyCli.RunAsync("policy", "validate", "--config", config, "--strict");

        // Assert
        Assert.Equal(0, exit);
        Assert.Contains($"{config}:6: warning SEN1101 policy.rules[0] (`uploads`): this allow rule can never allow anything", stdout, StringComparison.Ordinal);
        Assert.Contains("ok: 2 rules, 1 warnings", stdout, StringComparison.Ordinal);
        Assert.Equal(2, strictExit);
        Assert.Contains("failed (--strict): 2 rules, 1 warnings", strictStdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyValidate_DenyThatCanFireForNoTool_ExitsTwoWithSEN1040()
    {
        // Arrange: a name glob against instance ARNs, whose ids are always `i-…`.
        var config = PolicyCli.TempFile("sentrely.yaml", Header + """

                - id: never-web
                  effect: deny
                  tools: [terminate-instances]
                  resources: ["arn:aws:ec2:us-east-1:111122223333:instance/web-*"]
            """);

        // Act
        var (exit, _, stderr) = await PolicyCli.RunAsync("policy", "validate", "--config", config);

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains("SEN1040 policy.rules[0].resources: this rule can match none of its tools", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyValidate_OnlyNotes_ExitZeroEvenWithStrict()
    {
        // Arrange
        var config = PolicyCli.TempFile("sentrely.yaml", Header + """

                - id: never-prod
                  effect: deny
                  tools: [put-build-artifact]
                  resources: ["arn:aws:s3:::*prod*"]
            """);

        // Act
        var (exit, stdout, _) = await PolicyCli.RunAsync("policy", "validate", "--config", config, "--strict");

        // Assert
        Assert.Equal(0, exit);
        Assert.Contains("note SEN1104 policy.rules[0] (`never-prod`)", stdout, StringComparison.Ordinal);
        Assert.Contains("ok: 1 rules, 0 warnings, 1 notes", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyValidate_UnknownKey_ExitsTwoWithFileLineColumnAndField()
    {
        // Arrange
        var config = PolicyCli.TempFile("sentrely.yaml", Header + """

                - id: uploads
                  effect: allow
                  tools: [put-build-artifact]
                  resource: ["arn:aws:s3:::b/*"]
            """);

        // Act
        var (exit, _, stderr) = await PolicyCli.RunAsync("policy", "validate", "--config", config);

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains($"{config}:9:7: SEN1003 policy.rules[0].resource: unknown key `resource`", stderr, StringComparison.Ordinal);
    }
}
