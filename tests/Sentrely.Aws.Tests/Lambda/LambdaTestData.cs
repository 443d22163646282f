using Sentrely.Aws.Lambda;
using Sentrely.Aws.Tests.TestDoubles;

namespace Sentrely.Aws.Tests.Lambda;

internal static class LambdaTestData
{
    public const string SecretValue = "SUPER-SECRET-DB-PASSWORD-42";

    public const string ConfigurationJson = $$"""
        {
          "FunctionName": "webhooks-handler",
          "FunctionArn": "arn:aws:lambda:us-east-1:111122223333:function:webhooks-handler",
          "Runtime": "nodejs22.x",
          "Role": "arn:aws:iam::111122223333:role/lambda-exec",
          "Handler": "index.handler",
          "CodeSize": 5242880,
          "Timeout": 30,
          "MemorySize": 256,
          "LastModified": "2025-01-02T03:04:05.000+0000",
          "CodeSha256": "abc123=",
          "Version": "$LATEST",
          "Environment": {
            "Variables": { "DB_PASSWORD": "{{SecretValue}}", "STAGE": "dev" },
            "Error": { "ErrorCode": "x", "Message": "{{SecretValue}}" }
          },
          "RevisionId": "rev-1",
          "State": "Active",
          "LastUpdateStatus": "Successful",
          "LastUpdateStatusReason": "done",
          "PackageType": "Zip",
          "Layers": [ { "Arn": "arn:aws:lambda:us-east-1:111122223333:layer:x:1", "CodeSize": 1 } ]
        }
        """;

    public static SignedLambdaClient Client(HttpMessageHandler handler) =>
        new(TestCredentials.Session(), "us-east-1", new Uri("https://lambda.us-east-1.amazonaws.com/"), handler);
}
