using Amazon.EC2;
using Amazon.EC2.Model;

namespace Sentrely.Sandbox.Tests.Ec2;

public sealed class Ec2Tests
{
    private const string Prefix = "arn:aws:ec2:us-east-1:111122223333:";

    private static string RunPolicy(bool withVolume = true) => """
        {"Version":"2012-10-17","Statement":[
         {"Effect":"Allow","Action":"ec2:RunInstances","Resource":"PREFIXinstance/*","Condition":{"StringEquals":{"ec2:InstanceType":"t3.micro"}}},
         {"Effect":"Allow","Action":"ec2:RunInstances","Resource":["arn:aws:ec2:us-east-1::image/ami-*","PREFIXsubnet/subnet-1",
          "PREFIXsecurity-group/sg-1","PREFIXnetwork-interface/*"VOLUME]},
         {"Effect":"Allow","Action":"ec2:CreateTags","Resource":"PREFIXinstance/*","Condition":{"StringEquals":{"ec2:CreateAction":"RunInstances"}}}]}
        """.Replace("VOLUME", withVolume ? ",\"PREFIXvolume/*\"" : "", StringComparison.Ordinal).Replace("PREFIX", Prefix, StringComparison.Ordinal);

    private static async Task<AwsTestDouble> StartSeededAsync()
    {
        var aws = await AwsTestDouble.StartAsync();
        aws.State.AddImage("ami-0abc");
        aws.State.AddSubnet("subnet-1");
        aws.State.AddSecurityGroup("sg-1");
        return aws;
    }

    private static RunInstancesRequest Run(string type = "t3.micro", string image = "ami-0abc") => new()
    {
        ImageId = image, InstanceType = type, MinCount = 1, MaxCount = 1, SubnetId = "subnet-1", SecurityGroupIds = ["sg-1"],
        TagSpecifications = [new TagSpecification { ResourceType = ResourceType.Instance, Tags = [new Tag("Name", "web")] }],
    };

    [Fact]
    public async Task RunInstances_EveryResourceAllowed_LaunchesAndRecordsAllResources()
    {
        // Arrange
        await using var aws = await StartSeededAsync();
        using var ec2 = Clients.Ec2(aws, await Clients.AssumeAsync(aws, RunPolicy()));

        // Act
        var response = await ec2.RunInstancesAsync(Run());

        // Assert
        var launched = Assert.Single(response.Reservation.Instances);
        Assert.Equal("pending", launched.State.Name.Value);
        var stored = aws.State.GetInstance(launched.InstanceId)!;
        Assert.Equal("running", stored.State);
        Assert.Equal("web", stored.Tags["Name"]);
        var record = aws.Requests[^1];
        Assert.True(record.Authorized);
        Assert.Equal(
            [Prefix + "instance/*", "arn:aws:ec2:us-east-1::image/ami-0abc", Prefix + "subnet/subnet-1", Prefix + "security-group/sg-1",
             Prefix + "network-interface/*", Prefix + "volume/*"],
            record.Resources);
        Assert.Equal("t3.micro", record.ContextKeys["ec2:InstanceType"]);
        Assert.Equal("RunInstances", record.ContextKeys["ec2:CreateAction"]);
    }

    [Fact]
    public async Task RunInstances_BiggerInstanceType_UnauthorizedOperation()
    {
        // Arrange
        await using var aws = await StartSeededAsync();
        using var ec2 = Clients.Ec2(aws, await Clients.AssumeAsync(aws, RunPolicy()));

        // Act
        var ex = await Assert.ThrowsAnyAsync<AmazonEC2Exception>(() => ec2.RunInstancesAsync(Run("m5.24xlarge")));

        // Assert
        Assert.Equal("UnauthorizedOperation", ex.ErrorCode);
        Assert.Empty(aws.State.Instances);
        Assert.Contains("instance/*", aws.Requests[^1].DenyReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunInstances_OneResourceNotAllowed_UnauthorizedOperation()
    {
        // Arrange
        await using var aws = await StartSeededAsync();
        aws.State.AddKeyPair("ops");
        using var ec2 = Clients.Ec2(aws, await Clients.AssumeAsync(aws, RunPolicy(withVolume: false)));
        using var ec2Full = Clients.Ec2(aws, await Clients.AssumeAsync(aws, RunPolicy()));
        var withKey = Run();
        withKey.KeyName = "ops";

        // Act
        var noVolume = await Assert.ThrowsAnyAsync<AmazonEC2Exception>(() => ec2.RunInstancesAsync(Run()));
        var keyPair = await Assert.ThrowsAnyAsync<AmazonEC2Exception>(() => ec2Full.RunInstancesAsync(withKey));

        // Assert
        Assert.Equal("UnauthorizedOperation", noVolume.ErrorCode);
        Assert.Equal("UnauthorizedOperation", keyPair.ErrorCode);
        Assert.Contains(Prefix + "key-pair/ops", aws.Requests[^1].Resources);
        Assert.Empty(aws.State.Instances);
    }

    [Fact]
    public async Task RunInstances_UnknownImage_InvalidAmiIdNotFound()
    {
        // Arrange
        await using var aws = await StartSeededAsync();
        using var ec2 = Clients.Ec2(aws, await Clients.AssumeAsync(aws));

        // Act
        var ex = await Assert.ThrowsAnyAsync<AmazonEC2Exception>(() => ec2.RunInstancesAsync(Run(image: "ami-missing")));

        // Assert
        Assert.Equal("InvalidAMIID.NotFound", ex.ErrorCode);
    }

    [Fact]
    public async Task DescribeInstances_Filters_ReturnsMatchingInstancesWithPaging()
    {
        // Arrange
        await using var aws = await StartSeededAsync();
        for (var i = 0; i < 6; i++)
        {
            aws.State.AddInstance(new Ec2InstanceSeed { InstanceType = "t3.micro", Tags = new Dictionary<string, string> { ["env"] = "dev" } });
        }

        aws.State.AddInstance(new Ec2InstanceSeed { InstanceType = "t3.micro", State = "stopped", Tags = new Dictionary<string, string> { ["env"] = "dev" } });
        aws.State.AddInstance(new Ec2InstanceSeed { InstanceType = "m5.large", Tags = new Dictionary<string, string> { ["env"] = "prod" } });
        using var ec2 = Clients.Ec2(aws, await Clients.AssumeAsync(aws, """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}
            """));
        var filters = new List<Filter> { new("tag:env", ["dev"]), new("instance-state-name", ["running"]) };

        // Act
        var page1 = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = filters, MaxResults = 5 });
        var page2 = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = filters, MaxResults = 5, NextToken = page1.NextToken });
        var missing = await Assert.ThrowsAnyAsync<AmazonEC2Exception>(
            () => ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = ["i-0000000000000dead"] }));

        // Assert
        Assert.Equal(5, page1.Reservations.SelectMany(r => r.Instances).Count());
        Assert.Single(page2.Reservations.SelectMany(r => r.Instances));
        Assert.Null(page2.NextToken);
        Assert.All(page1.Reservations.SelectMany(r => r.Instances), i => Assert.Equal("dev", i.Tags.Single().Value));
        Assert.Equal("InvalidInstanceID.NotFound", missing.ErrorCode);
        Assert.Equal(["*"], aws.Requests[^1].Resources);
    }

    [Fact]
    public async Task StartStopTerminate_AllowedInstance_TransitionsAndDeniesOthers()
    {
        // Arrange
        await using var aws = await StartSeededAsync();
        var mine = aws.State.AddInstance(new Ec2InstanceSeed { State = "stopped" });
        var other = aws.State.AddInstance(new Ec2InstanceSeed());
        using var ec2 = Clients.Ec2(aws, await Clients.AssumeAsync(aws, """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:StartInstances","ec2:StopInstances","ec2:TerminateInstances"],
             "Resource":"PREFIXinstance/MINE"}]}
            """.Replace("PREFIX", Prefix, StringComparison.Ordinal).Replace("MINE", mine, StringComparison.Ordinal)));

        // Act
        var started = await ec2.StartInstancesAsync(new StartInstancesRequest { InstanceIds = [mine] });
        var afterStart = aws.State.GetInstance(mine)!.State;
        var stopped = await ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [mine] });
        var denied = await Assert.ThrowsAnyAsync<AmazonEC2Exception>(() => ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [mine, other] }));
        var terminated = await ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [mine] });

        // Assert
        Assert.Equal("pending", started.StartingInstances[0].CurrentState.Name.Value);
        Assert.Equal("stopped", started.StartingInstances[0].PreviousState.Name.Value);
        Assert.Equal("running", afterStart);
        Assert.Equal("stopping", stopped.StoppingInstances[0].CurrentState.Name.Value);
        Assert.Equal("UnauthorizedOperation", denied.ErrorCode);
        Assert.Equal("running", aws.State.GetInstance(other)!.State);
        Assert.Equal("shutting-down", terminated.TerminatingInstances[0].CurrentState.Name.Value);
        Assert.Equal("terminated", aws.State.GetInstance(mine)!.State);
        Assert.Equal([Prefix + "instance/" + mine], aws.Requests[^1].Resources);
    }

    [Fact]
    public async Task CreateTags_AllowedInstance_AddsTags()
    {
        // Arrange
        await using var aws = await StartSeededAsync();
        var id = aws.State.AddInstance(new Ec2InstanceSeed());
        using var ec2 = Clients.Ec2(aws, await Clients.AssumeAsync(aws, """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"PREFIXinstance/*",
             "Condition":{"StringEquals":{"aws:RequestTag/owner":"alice"}}}]}
            """.Replace("PREFIX", Prefix, StringComparison.Ordinal)));

        // Act
        await ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [id], Tags = [new Tag("owner", "alice")] });
        var denied = await Assert.ThrowsAnyAsync<AmazonEC2Exception>(
            () => ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [id], Tags = [new Tag("owner", "mallory")] }));

        // Assert
        Assert.Equal("alice", aws.State.GetInstance(id)!.Tags["owner"]);
        Assert.Equal("UnauthorizedOperation", denied.ErrorCode);
    }

    [Fact]
    public async Task DescribeInstances_BaseCredentials_UnauthorizedOperation()
    {
        // Arrange
        await using var aws = await StartSeededAsync();
        using var ec2 = Clients.Ec2(aws, Clients.Base(aws));

        // Act
        var ex = await Assert.ThrowsAnyAsync<AmazonEC2Exception>(() => ec2.DescribeInstancesAsync(new DescribeInstancesRequest()));

        // Assert
        Assert.Equal("UnauthorizedOperation", ex.ErrorCode);
        Assert.Equal("base credentials may call STS and IAM only", aws.Requests[^1].DenyReason);
    }
}
