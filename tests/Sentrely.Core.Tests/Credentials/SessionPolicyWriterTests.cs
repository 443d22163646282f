using System.Text.Json;
using Sentrely.Credentials;

namespace Sentrely.Core.Tests.Credentials;

public sealed class SessionPolicyWriterTests
{
    [Fact]
    public void Write_OneStatement_IsMinifiedIamJson()
    {
        var json = SessionPolicyWriter.Write([new SessionPolicyStatement(["s3:PutObject"], ["arn:aws:s3:::b/builds/app.zip"], [])]);

        Assert.Equal("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/builds/app.zip"}]}""", json);
    }

    [Fact]
    public void Write_ConditionsGroupedByOperator()
    {
        var json = SessionPolicyWriter.Write(
        [
            new SessionPolicyStatement(
                ["ec2:RunInstances"],
                ["arn:aws:ec2:us-east-1:1:instance/*"],
                [new("StringEquals", "ec2:InstanceType", ["t3.micro"]), new("StringEquals", "ec2:Region", ["us-east-1"])]),
        ]);

        using var doc = JsonDocument.Parse(json);
        var condition = doc.RootElement.GetProperty("Statement")[0].GetProperty("Condition").GetProperty("StringEquals");
        Assert.Equal("t3.micro", condition.GetProperty("ec2:InstanceType").GetString());
        Assert.Equal("us-east-1", condition.GetProperty("ec2:Region").GetString());
    }

    [Fact]
    public void Write_CharactersStayReadable_NotUnicodeEscaped()
    {
        var json = SessionPolicyWriter.Write([new SessionPolicyStatement(["s3:GetObject"], ["arn:aws:s3:::b/a+b=c"], [])]);

        Assert.Contains("a+b=c", json, StringComparison.Ordinal);
    }
}
