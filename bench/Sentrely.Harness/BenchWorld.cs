using System.Globalization;
using Sentrely.Sandbox;

namespace Sentrely.Harness;

/// <summary>
/// The in-process AWS test double (loopback, seeded with a few instances) and a Sentrely configuration pointing at it,
/// in a temporary folder outside the server's working directory — the production startup path, no <c>--sandbox</c>.
/// </summary>
internal sealed class BenchWorld : IAsyncDisposable
{
    public const string ReadRole = "arn:aws:iam::111122223333:role/sentrely-agent-read";

    private BenchWorld(AwsTestDouble awsDouble, string folder)
    {
        Double = awsDouble;
        Folder = folder;
    }

    public AwsTestDouble Double { get; }

    public string Folder { get; }

    public string ConfigPath => Path.Combine(Folder, "config", "sentrely.yaml");

    public string WorkFolder => Path.Combine(Folder, "work");

    /// <summary>Gets the server's environment: the double's base credentials and nothing from the user's AWS setup.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>(Double.ProcessEnvironment(Folder))
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    /// <summary>Arguments of <c>sentrely serve</c> (stdio) for this world.</summary>
    public IReadOnlyList<string> ServeArguments => ["serve", "--config", ConfigPath];

    public static async Task<BenchWorld> StartAsync()
    {
        var awsDouble = await AwsTestDouble.StartAsync();
        var folder = Directory.CreateTempSubdirectory("sentrely-bench-").FullName;
        var world = new BenchWorld(awsDouble, folder);
        var state = awsDouble.State;
        state.AddImage("ami-0123456789abcdef0");
        state.AddSubnet("subnet-0123456789abcdef0");
        for (var i = 0; i < 3; i++)
        {
            state.AddInstance(new Ec2InstanceSeed
            {
                InstanceType = "t3.micro",
                ImageId = "ami-0123456789abcdef0",
                SubnetId = "subnet-0123456789abcdef0",
                Tags = new Dictionary<string, string> { ["Name"] = $"web-{i.ToString(CultureInfo.InvariantCulture)}" },
            });
        }

        Directory.CreateDirectory(Path.GetDirectoryName(world.ConfigPath)!);
        Directory.CreateDirectory(world.WorkFolder);
        await File.WriteAllTextAsync(world.ConfigPath, world.Config());
        return world;
    }

    public async ValueTask DisposeAsync()
    {
        await Double.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A server that was just killed may still hold the store for a moment; the folder is temporary anyway.
        }
    }

    private string Config() => $$"""
        aws:
          region: us-east-1
          partition: aws
          accountId: "111122223333"
          roles:
            read: {{ReadRole}}
            deploy: arn:aws:iam::111122223333:role/sentrely-agent-deploy
          credentials:
            durationSeconds: 900
            reuse: per-scope
          endpoints:
            sts: {{Double.Endpoint}}
            ec2: {{Double.Endpoint}}
        identity:
          developer: jordan
          project: backend-api
        store:
          sqlite: {{Path.Combine(Folder, "state", "sentrely.db")}}
        policy:
          rules:
            - id: read-instances
              effect: allow
              tools: [describe-instances]
        """;
}
