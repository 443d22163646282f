using System.Globalization;
using System.Text;
using Sentrely.Sandbox;

namespace Sentrely.EndToEnd.Tests;

/// <summary>
/// A seeded AWS test double plus a Sentrely configuration pointing at it, in a temporary folder outside any
/// working directory. One world per test class; the real AWS SDK clients talk to it over 127.0.0.1.
/// </summary>
public sealed class SandboxWorld : IAsyncLifetime
{
    public const string Bucket = "my-app-deployments";
    public const string OtherBucket = "other-bucket";
    public const string Function = "webhooks-handler";
    public const string ProdFunction = "payments-prod";
    public const string Image = "ami-0123456789abcdef0";
    public const string Subnet = "subnet-0123456789abcdef0";
    public const string SecurityGroup = "sg-0123456789abcdef0";
    public const string EnvironmentSecret = "env-secret-value-7f3a";
    public const string ReadRole = "arn:aws:iam::111122223333:role/sentrely-agent-read";
    public const string DeployRole = "arn:aws:iam::111122223333:role/sentrely-agent-deploy";

    /// <summary>Gets the policy rules of this world's configuration (YAML list items at column 0), for tests that need its policy without a running double.</summary>
    public static string PolicyRules { get; } = $$"""
        - id: builds-rw
          effect: allow
          tools: [put-build-artifact, get-build-artifact, list-build-artifacts]
          resources: ["arn:aws:s3:::{{Bucket}}/builds/*"]
        - id: webhooks
          effect: allow
          tools: [update-function-code, get-function]
          resources: ["arn:aws:lambda:us-east-1:111122223333:function:webhooks-*"]
        - id: read-all
          effect: allow
          tools: [list-functions, describe-instances, list-permissions]
        - id: small-instances
          effect: allow
          tools: [run-instances]
          when: { instanceType: ["t3.*"], count: { max: 2 } }
        - id: instance-ops
          effect: allow
          tools: [start-instances, stop-instances, terminate-instances]
          resources: ["arn:aws:ec2:us-east-1:111122223333:instance/*"]
        - id: never-prod
          effect: deny
          tools: ["*"]
          resources: ["arn:aws:*:*:*:*prod*"]
        """;

    private readonly AwsTestDoubleOptions? _options;

    public SandboxWorld()
    {
    }

    /// <summary>Initializes a world whose double runs with <paramref name="options"/> (internal: class fixtures need exactly one public constructor).</summary>
    internal SandboxWorld(AwsTestDoubleOptions options) => _options = options;

    public AwsTestDouble Double { get; private set; } = null!;

    public string Folder { get; } = Directory.CreateTempSubdirectory("sentrely-e2e-").FullName;

    public string ConfigPath => Path.Combine(Folder, "config", "sentrely.yaml");

    public string StorePath => Path.Combine(Folder, "state", "sentrely.db");

    public string WorkFolder => Path.Combine(Folder, "work");

    public string InstanceId { get; private set; } = "";

    public string OtherInstanceId { get; private set; } = "";

    /// <summary>Gets the environment a server needs: the double's base credentials, and nothing from the user's AWS setup.</summary>
    public IReadOnlyDictionary<string, string?> ServerEnvironment => Double.ProcessEnvironment(Folder);

    public async Task InitializeAsync()
    {
        Double = await AwsTestDouble.StartAsync(_options);
        var state = Double.State;
        state.AddBucket(Bucket);
        state.AddBucket(OtherBucket);
        state.PutObject(Bucket, "builds/1.0/app.zip", Encoding.UTF8.GetBytes("zip-bytes-1.0"), "application/zip");
        state.PutObject(Bucket, "builds/1.0/notes.txt", Encoding.UTF8.GetBytes("release notes"), "text/plain");
        state.PutObject(OtherBucket, "secret.txt", Encoding.UTF8.GetBytes("not yours"));
        var env = new Dictionary<string, string> { ["DB_PASSWORD"] = EnvironmentSecret, ["STAGE"] = "dev" };
        state.AddFunction(new LambdaFunctionSeed { Name = Function, Environment = env, Code = Encoding.UTF8.GetBytes("old") });
        state.AddFunction(new LambdaFunctionSeed { Name = ProdFunction, Environment = env });
        state.AddImage(Image);
        state.AddSubnet(Subnet);
        state.AddSecurityGroup(SecurityGroup);
        InstanceId = state.AddInstance(new Ec2InstanceSeed { InstanceType = "t3.micro", Tags = new Dictionary<string, string> { ["Name"] = "web-1" } });
        OtherInstanceId = state.AddInstance(new Ec2InstanceSeed { InstanceType = "t3.small", State = "stopped" });
        Directory.CreateDirectory(Path.GetDirectoryName(ConfigPath)!);
        Directory.CreateDirectory(WorkFolder);
        await File.WriteAllTextAsync(ConfigPath, Config());
    }

    public async Task DisposeAsync()
    {
        await Double.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold the store for a moment; the folder is temporary anyway.
        }
    }

    /// <summary>Returns this world's configuration with <paramref name="rules"/> (YAML list items at column 0) as its whole policy.</summary>
    public string ConfigWithRules(string rules)
    {
        var text = Config();
        return text[..text.IndexOf("policy:", StringComparison.Ordinal)] + "policy:\n  rules:\n" + Indent(rules);
    }

    private static string Indent(string rules) => string.Concat(rules.Split('\n').Where(l => l.Length > 0).Select(l => "    " + l + "\n"));

    private string Config() => string.Create(CultureInfo.InvariantCulture, $$"""
        aws:
          region: us-east-1
          partition: aws
          accountId: "111122223333"
          roles:
            read: {{ReadRole}}
            deploy: {{DeployRole}}
          credentials:
            durationSeconds: 900
            reuse: per-scope
          endpoints:
            sts: {{Double.Endpoint}}
            s3: {{Double.Endpoint}}
            lambda: {{Double.Endpoint}}
            ec2: {{Double.Endpoint}}
        identity:
          developer: jordan
          project: backend-api
        files:
          roots: ["{{WorkFolder}}"]
        store:
          sqlite: {{StorePath}}
        policy:
          rules:
        {{Indent(PolicyRules)}}
        """);
}
