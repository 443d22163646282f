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

        // Assert: the example's `via: reviewer` rule carries the stdio-mode honesty warning, nothing else.
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("warning SEN1102 policy.rules[4] (`dev-instances`): `approval: { via: reviewer }` cannot stop self-approval", stdout, StringComparison.Ordinal);
        Assert.EndsWith("ok: 8 rules, 1 warnings", stdout.Trim(), StringComparison.Ordinal);
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
