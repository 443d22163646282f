using Sentrely.Sandbox.Http;
using Sentrely.Sandbox.Policy;
using Sentrely.Sandbox.State;

namespace Sentrely.Sandbox.Services;

/// <summary>Start/Stop/TerminateInstances and CreateTags, each authorized on every instance ARN.</summary>
internal static class Ec2InstanceActions
{
    public static SandboxResponse ChangeState(SandboxCall call, FormParameters form, string operation)
    {
        var action = "ec2:" + operation;
        call.SetAction(action);
        var ids = form.List("InstanceId");
        if (ids.Count == 0)
        {
            return Ec2Service.Error(call, 400, "MissingParameter", "The request must contain the parameter InstanceId");
        }

        if (!call.Authorize(action, [.. ids.Select(id => new AccessCheck(action, Ec2Service.InstanceArn(call, id)))]))
        {
            return Ec2Service.Unauthorized(call);
        }

        if (Ec2Service.DryRun(call, form) is { } dryRun)
        {
            return dryRun;
        }

        var state = call.Environment.State;
        var changes = new List<(string Id, string Previous, string Current)>();
        lock (state.Gate)
        {
            var instances = new List<Ec2Instance>();
            foreach (var id in ids)
            {
                var instance = state.InstanceList.Find(i => i.InstanceId == id);
                if (instance is null)
                {
                    return Ec2Service.Error(call, 400, "InvalidInstanceID.NotFound", $"The instance ID '{id}' does not exist");
                }

                if (instance.State == "terminated" && operation != "TerminateInstances")
                {
                    return Ec2Service.Error(call, 400, "IncorrectInstanceState",
                        $"The instance '{id}' is not in a state from which it can be {(operation == "StartInstances" ? "started" : "stopped")}.");
                }

                instances.Add(instance);
            }

            foreach (var instance in instances)
            {
                var previous = instance.State;
                // Transitions settle at once; the response reports the intermediate state as AWS does.
                var (current, settled) = (operation, previous) switch
                {
                    ("StartInstances", "running" or "pending") => (previous, "running"),
                    ("StartInstances", _) => ("pending", "running"),
                    ("StopInstances", "stopped") => ("stopped", "stopped"),
                    ("StopInstances", _) => ("stopping", "stopped"),
                    (_, "terminated") => ("terminated", "terminated"),
                    _ => ("shutting-down", "terminated"),
                };
                instance.State = settled;
                changes.Add((instance.InstanceId, previous, current));
            }
        }

        return Ec2Xml.Ok(call, operation, w =>
        {
            w.WriteStartElement("instancesSet");
            foreach (var (id, previous, current) in changes)
            {
                w.WriteStartElement("item");
                w.WriteElementString("instanceId", id);
                Ec2Xml.State(w, "currentState", current);
                Ec2Xml.State(w, "previousState", previous);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        });
    }

    public static SandboxResponse CreateTags(SandboxCall call, FormParameters form)
    {
        const string Action = "ec2:CreateTags";
        call.SetAction(Action);
        var ids = form.List("ResourceId");
        var tags = new List<KeyValuePair<string, string>>();
        for (var i = 1; form[$"Tag.{i}.Key"] is { } key; i++)
        {
            if (key.Length is 0 or > 128 || key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                return Ec2Service.Error(call, 400, "InvalidParameterValue", $"Tag key '{key}' is not valid.");
            }

            tags.Add(new(key, form[$"Tag.{i}.Value"] ?? string.Empty));
        }

        if (ids.Count == 0 || tags.Count == 0)
        {
            return Ec2Service.Error(call, 400, "MissingParameter", "ResourceId and Tag are required.");
        }

        if (ids.FirstOrDefault(id => !id.StartsWith("i-", StringComparison.Ordinal)) is { } other)
        {
            return Ec2Service.Error(call, 400, "InvalidID", $"The ID '{other}' is not valid (the test double tags instances only)");
        }

        var context = tags.ToDictionary(t => "aws:RequestTag/" + t.Key, t => t.Value, StringComparer.Ordinal);
        if (!call.Authorize(Action, [.. ids.Select(id => new AccessCheck(Action, Ec2Service.InstanceArn(call, id), context))]))
        {
            return Ec2Service.Unauthorized(call);
        }

        if (Ec2Service.DryRun(call, form) is { } dryRun)
        {
            return dryRun;
        }

        var state = call.Environment.State;
        lock (state.Gate)
        {
            var instances = ids.Select(id => state.InstanceList.Find(i => i.InstanceId == id)).ToList();
            var missing = ids.Zip(instances).FirstOrDefault(p => p.Second is null).First;
            if (missing is not null)
            {
                return Ec2Service.Error(call, 400, "InvalidInstanceID.NotFound", $"The instance ID '{missing}' does not exist");
            }

            foreach (var instance in instances)
            {
                foreach (var (key, value) in tags)
                {
                    instance!.Tags[key] = value;
                }
            }
        }

        return Ec2Xml.Ok(call, "CreateTags", w => w.WriteElementString("return", "true"));
    }
}
