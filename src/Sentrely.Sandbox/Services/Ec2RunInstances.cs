using System.Globalization;
using Sentrely.Sandbox.Http;
using Sentrely.Sandbox.Policy;
using Sentrely.Sandbox.State;

namespace Sentrely.Sandbox.Services;

/// <summary>RunInstances: authorized on every resource it touches, as IAM does.</summary>
internal static class Ec2RunInstances
{
    public static SandboxResponse Run(SandboxCall call, FormParameters form)
    {
        const string Action = "ec2:RunInstances";
        call.SetAction(Action);
        var imageId = form["ImageId"];
        var instanceType = form["InstanceType"] ?? "m1.small";
        if (imageId is null || form["MinCount"] is null || form["MaxCount"] is null)
        {
            return Ec2Service.Error(call, 400, "MissingParameter", "ImageId, MinCount and MaxCount are required.");
        }

        if (!int.TryParse(form["MinCount"], NumberStyles.None, CultureInfo.InvariantCulture, out var minCount)
            || !int.TryParse(form["MaxCount"], NumberStyles.None, CultureInfo.InvariantCulture, out var maxCount)
            || minCount < 1 || maxCount < minCount || maxCount > 20)
        {
            return Ec2Service.Error(call, 400, "InvalidParameterValue", "MinCount and MaxCount must satisfy 1 <= MinCount <= MaxCount <= 20.");
        }

        var subnetId = form["SubnetId"];
        var groups = form.List("SecurityGroupId");
        var keyName = form["KeyName"];
        var (tagSpecs, tagError) = ReadTagSpecifications(form);
        if (tagError is not null)
        {
            return Ec2Service.Error(call, 400, "InvalidParameterValue", tagError);
        }

        var env = call.Environment;
        var prefix = $"arn:aws:ec2:{env.Region}:{env.AccountId}:";
        var checks = new List<AccessCheck>
        {
            new(Action, prefix + "instance/*", new Dictionary<string, string> { ["ec2:InstanceType"] = instanceType }),
            new(Action, $"arn:aws:ec2:{env.Region}::image/{imageId}"),
            new(Action, prefix + "subnet/" + (subnetId ?? "*")),
        };
        checks.AddRange(groups.Count == 0 ? [new(Action, prefix + "security-group/*")] : groups.Select(g => new AccessCheck(Action, prefix + "security-group/" + g)));
        checks.Add(new(Action, prefix + "network-interface/*"));
        checks.Add(new(Action, prefix + "volume/*"));
        if (keyName is not null)
        {
            checks.Add(new(Action, prefix + "key-pair/" + keyName));
        }

        foreach (var (resourceType, tags) in tagSpecs)
        {
            var context = new Dictionary<string, string> { ["ec2:CreateAction"] = "RunInstances" };
            foreach (var (key, value) in tags)
            {
                context["aws:RequestTag/" + key] = value;
            }

            checks.Add(new("ec2:CreateTags", prefix + resourceType + "/*", context));
        }

        if (!call.Authorize(Action, checks))
        {
            return Ec2Service.Unauthorized(call);
        }

        if (Ec2Service.DryRun(call, form) is { } dryRun)
        {
            return dryRun;
        }

        return Launch(call, imageId, instanceType, subnetId, groups, keyName, maxCount,
            tagSpecs.Where(t => t.ResourceType == "instance").SelectMany(t => t.Tags).ToList());
    }

    private static SandboxResponse Launch(
        SandboxCall call, string imageId, string instanceType, string? subnetId, List<string> groups, string? keyName, int count,
        List<KeyValuePair<string, string>> tags)
    {
        var state = call.Environment.State;
        var reservationId = SandboxState.NewId("r-");
        var launched = new List<Ec2Instance>();
        lock (state.Gate)
        {
            (string Code, string Message)? missing =
                !state.Images.Contains(imageId) ? ("InvalidAMIID.NotFound", $"The image id '[{imageId}]' does not exist")
                : subnetId is not null && !state.Subnets.Contains(subnetId) ? ("InvalidSubnetID.NotFound", $"The subnet ID '{subnetId}' does not exist")
                : groups.FirstOrDefault(g => !state.SecurityGroups.Contains(g)) is { } group ? ("InvalidGroup.NotFound", $"The security group '{group}' does not exist")
                : keyName is not null && !state.KeyPairs.Contains(keyName) ? ("InvalidKeyPair.NotFound", $"The key pair '{keyName}' does not exist")
                : null;
            if (missing is { } error)
            {
                return Ec2Service.Error(call, 400, error.Code, error.Message);
            }

            for (var i = 0; i < count; i++)
            {
                var instance = new Ec2Instance
                {
                    InstanceId = SandboxState.NewId("i-"), ReservationId = reservationId, InstanceType = instanceType, ImageId = imageId,
                    SubnetId = subnetId, SecurityGroupIds = [.. groups], KeyName = keyName, LaunchTime = call.Environment.Time.GetUtcNow(),
                    State = "running",
                };
                foreach (var (key, value) in tags)
                {
                    instance.Tags[key] = value;
                }

                state.InstanceList.Add(instance);
                launched.Add(Ec2Service.Copy(instance));
            }
        }

        return Ec2Xml.Ok(call, "RunInstances", w =>
        {
            w.WriteElementString("reservationId", reservationId);
            w.WriteElementString("ownerId", call.Environment.AccountId);
            w.WriteStartElement("groupSet");
            w.WriteEndElement();
            w.WriteStartElement("instancesSet");
            foreach (var instance in launched)
            {
                Ec2Xml.Instance(w, instance, "pending");
            }

            w.WriteEndElement();
        });
    }

    private static (List<(string ResourceType, List<KeyValuePair<string, string>> Tags)> Specs, string? Error) ReadTagSpecifications(FormParameters form)
    {
        var specs = new List<(string, List<KeyValuePair<string, string>>)>();
        for (var i = 1; form[$"TagSpecification.{i}.ResourceType"] is { } type; i++)
        {
            if (type is not ("instance" or "volume" or "network-interface"))
            {
                return (specs, $"'{type}' is not a valid taggable resource type for this operation.");
            }

            var tags = new List<KeyValuePair<string, string>>();
            for (var j = 1; form[$"TagSpecification.{i}.Tag.{j}.Key"] is { } key; j++)
            {
                if (key.Length is 0 or > 128 || key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
                {
                    return (specs, $"Tag key '{key}' is not valid.");
                }

                tags.Add(new(key, form[$"TagSpecification.{i}.Tag.{j}.Value"] ?? string.Empty));
            }

            specs.Add((type, tags));
        }

        return (specs, null);
    }
}
