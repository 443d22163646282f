using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Sentrely.Sandbox.Tests.Iam;

/// <summary>Signed IAM query calls (form POST, us-east-1, service iam) against the double.</summary>
internal static class IamHttp
{
    public const string RevokePolicyName = "AWSRevokeOlderSessions";

    public static string RevokeBefore(DateTimeOffset before) =>
        $$$$"""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"],"Condition":{"DateLessThan":{"aws:TokenIssueTime":"{{{{before.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}}}"}}}]}""";

    public static async Task<(int Status, string Body)> PostAsync(AwsTestDouble aws, AWSCredentials credentials, IReadOnlyDictionary<string, string> form)
    {
        using var http = new HttpClient(new SigV4SigningHandler(credentials, RegionEndpoint.USEast1, "iam", new SocketsHttpHandler { AllowAutoRedirect = false }));
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(aws.Endpoint, content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static Task<(int Status, string Body)> PutRolePolicyAsync(AwsTestDouble aws, AWSCredentials credentials, string roleName, string document) =>
        PostAsync(aws, credentials, new Dictionary<string, string>
        {
            ["Action"] = "PutRolePolicy",
            ["Version"] = "2010-05-08",
            ["RoleName"] = roleName,
            ["PolicyName"] = RevokePolicyName,
            ["PolicyDocument"] = document,
        });
}
