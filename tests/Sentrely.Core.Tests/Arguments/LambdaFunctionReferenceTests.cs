namespace Sentrely.Arguments.Tests;

public sealed class LambdaFunctionReferenceTests
{
    private static readonly ArgumentContext Context = new("aws", "us-east-1", "111122223333", new FixedRoots());

    [Theory]
    [InlineData("webhooks-handler")]
    [InlineData("arn:aws:lambda:us-east-1:111122223333:function:webhooks-handler")]
    public void TryParse_NameOrOwnArn_ReturnsNameAndConfiguredArn(string value)
    {
        // Act
        var error = LambdaFunctionReference.TryParse("functionName", value, Context, out var reference);

        // Assert
        Assert.Null(error);
        Assert.Equal(new FunctionReference("webhooks-handler", "arn:aws:lambda:us-east-1:111122223333:function:webhooks-handler"), reference);
    }

    [Theory]
    [InlineData("arn:aws-cn:lambda:us-east-1:111122223333:function:f", "partition \"aws-cn\" differs")]
    [InlineData("arn:aws-us-gov:lambda:us-east-1:111122223333:function:f", "partition \"aws-us-gov\" differs")]
    [InlineData("arn:aws:lambda:eu-west-1:111122223333:function:f", "region \"eu-west-1\" differs")]
    [InlineData("arn:aws:lambda:us-east-1:444455556666:function:f", "account \"444455556666\" differs")]
    [InlineData("arn:aws:lambda:*:111122223333:function:f", "region \"*\" differs")]
    [InlineData("arn:aws:lambda:us-east-1:*:function:f", "account \"*\" differs")]
    [InlineData("arn:aws:lambda:us-east-1::function:f", "account \"\" differs")]
    public void TryParse_ForeignArn_RefusesNamingTheDifferingPart(string value, string explanation)
    {
        // Act
        var error = LambdaFunctionReference.TryParse("functionName", value, Context, out var reference);

        // Assert
        Assert.Contains(explanation, Refusal.AssertNames(error, "functionName"), StringComparison.Ordinal);
        Assert.Null(reference);
    }

    [Fact]
    public void TryParse_ArnDifferingEverywhere_NamesEveryPart()
    {
        // Act
        var error = LambdaFunctionReference.TryParse("functionName", "arn:aws-cn:lambda:cn-north-1:444455556666:function:f", Context, out _);

        // Assert
        Refusal.AssertNames(error, "functionName");
        Assert.Contains("partition \"aws-cn\" differs, region \"cn-north-1\" differs, account \"444455556666\" differs", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:lambda:us-east-1:111122223333:function:f:live", "qualified function ARN")]
    [InlineData("arn:aws:lambda:us-east-1:111122223333:function:f:$LATEST", "qualified function ARN")]
    [InlineData("arn:aws:lambda:us-east-1:111122223333:function:f:1:x:y", "qualified function ARN")]
    [InlineData("111122223333:function:f", "partial ARN")]
    [InlineData("111122223333:function:f:live", "partial ARN")]
    [InlineData("f:live", "NAME:QUALIFIER")]
    [InlineData("f:$LATEST", "NAME:QUALIFIER")]
    public void TryParse_QualifiedOrPartialArn_RefusesWithQualifierHint(string value, string explanation)
    {
        // Act
        var error = LambdaFunctionReference.TryParse("functionName", value, Context, out var reference);

        // Assert
        Refusal.AssertNames(error, "functionName");
        Assert.Contains(explanation, error, StringComparison.Ordinal);
        Assert.Contains("`qualifier`", error, StringComparison.Ordinal);
        Assert.Null(reference);
    }

    [Theory]
    [InlineData("")]
    [InlineData("webhooks-*")]
    [InlineData("*")]
    [InlineData("f?")]
    [InlineData("${aws:username}")]
    [InlineData("arn:aws:lambda:us-east-1:111122223333:function:webhooks-*")]
    [InlineData("arn:aws:lambda:us-east-1:111122223333:function:")]
    [InlineData("arn:aws:lambda:us-east-1:111122223333:function:f/../g")]
    [InlineData("arn:aws:lambda:us-east-1:111122223333:function:f\n")]
    [InlineData("arn:aws:lambda:us-east-1:111122223333:layer:f")]
    [InlineData("arn:aws:s3:us-east-1:111122223333:function:f")]
    [InlineData("arn:aws:lambda:us-east-1:111122223333")]
    [InlineData("ARN:aws:lambda:us-east-1:111122223333:function:f")]
    [InlineData("arn:aws:iam::111122223333:role/x")]
    [InlineData("a:b:c:d")]
    [InlineData("arn:aws:lambda:us-east-1:${aws:PrincipalAccount}:function:f")]
    public void TryParse_Malformed_RefusesNamingArgument(string value)
    {
        // Act
        var error = LambdaFunctionReference.TryParse("functionName", value, Context, out var reference);

        // Assert
        Refusal.AssertNames(error, "functionName");
        Assert.Null(reference);
    }

    [Fact]
    public void TryParse_OneMegabyte_RefusesFastWithoutEchoingIt()
    {
        Refusal.AssertRefusesHugeValue(v => LambdaFunctionReference.TryParse("functionName", v, Context, out _), "functionName", 'f');
        Refusal.AssertRefusesHugeValue(v => LambdaFunctionReference.TryParse("functionName", "arn:aws:lambda:us-east-1:111122223333:function:" + v, Context, out _), "functionName", 'f');
    }

    private sealed class FixedRoots : IFileRootProvider
    {
        public ValueTask<IReadOnlyList<string>> GetRootsAsync(CancellationToken cancellationToken) => new([]);
    }
}
