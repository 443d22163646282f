namespace Sentrely.Arguments.Tests;

public sealed class ArnBuilderTests
{
    [Fact]
    public void ArnBuilder_ValidParts_BuildsAwsArnFormats()
    {
        Assert.Equal("arn:aws:s3:::my-bucket/builds/app.zip", ArnBuilder.S3Object("aws", "my-bucket", "builds/app.zip"));
        Assert.Equal("arn:aws-cn:s3:::my-bucket", ArnBuilder.S3Bucket("aws-cn", "my-bucket"));
        Assert.Equal("arn:aws:lambda:us-east-1:111122223333:function:f", ArnBuilder.LambdaFunction("aws", "us-east-1", "111122223333", "f"));
        Assert.Equal("arn:aws:ec2:us-east-1:111122223333:instance/i-0123abcd", ArnBuilder.Ec2Instance("aws", "us-east-1", "111122223333", "i-0123abcd"));
        Assert.Equal("arn:aws-us-gov:ec2:us-gov-west-1::image/ami-0123abcd", ArnBuilder.Ec2Image("aws-us-gov", "us-gov-west-1", "ami-0123abcd"));
        Assert.Equal("arn:aws:ec2:us-east-1:111122223333:subnet/subnet-0123abcd", ArnBuilder.Ec2Subnet("aws", "us-east-1", "111122223333", "subnet-0123abcd"));
        Assert.Equal("arn:aws:ec2:us-east-1:111122223333:security-group/sg-0123abcd", ArnBuilder.Ec2SecurityGroup("aws", "us-east-1", "111122223333", "sg-0123abcd"));
        Assert.Equal("arn:aws:ec2:us-east-1:111122223333:key-pair/my key", ArnBuilder.Ec2KeyPair("aws", "us-east-1", "111122223333", "my key"));
    }

    [Theory]
    [InlineData("aws", "b*", "k")]
    [InlineData("aws", "b", "k*")]
    [InlineData("aws", "b", "${aws:username}")]
    [InlineData("aws", "b", "k?")]
    [InlineData("aws", "b", "k\n")]
    [InlineData("aws", "b/x", "k")]
    [InlineData("aws:x", "b", "k")]
    [InlineData("*", "b", "k")]
    [InlineData("aws", "", "k")]
    [InlineData("aws", "b", "")]
    public void S3Object_UnvalidatedPart_Throws(string partition, string bucket, string key)
    {
        Assert.ThrowsAny<ArgumentException>(() => ArnBuilder.S3Object(partition, bucket, key));
    }

    [Theory]
    [InlineData("*", "111122223333", "f")]
    [InlineData("us-east-1", "*", "f")]
    [InlineData("us-east-1", "111122223333", "f*")]
    [InlineData("us-east-1", "111122223333", "f:live")]
    [InlineData("us-east-1", "1111:2222", "f")]
    public void LambdaFunction_UnvalidatedPart_Throws(string region, string account, string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => ArnBuilder.LambdaFunction("aws", region, account, name));
    }

    [Fact]
    public void Ec2KeyPair_WildcardName_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => ArnBuilder.Ec2KeyPair("aws", "us-east-1", "111122223333", "key*"));
    }
}
