using System.Globalization;
using System.Text;
using Sentrely.Sandbox.Http;
using Sentrely.Sandbox.Policy;
using Sentrely.Sandbox.State;

namespace Sentrely.Sandbox.Services;

/// <summary>EC2 (query protocol, 2016-11-15): DescribeInstances, RunInstances, Start/Stop/TerminateInstances, CreateTags.</summary>
internal sealed class Ec2Service : IAwsService
{
    public SandboxResponse Handle(SandboxCall call)
    {
        var form = FormParameters.From(call);
        if (form.HasDuplicates)
        {
            return Error(call, 400, "InvalidParameterCombination", "Parameters must be given once.");
        }

        return form["Action"] switch
        {
            "DescribeInstances" => DescribeInstances(call, form),
            "RunInstances" => Ec2RunInstances.Run(call, form),
            "StartInstances" or "StopInstances" or "TerminateInstances" => Ec2InstanceActions.ChangeState(call, form, form["Action"]!),
            "CreateTags" => Ec2InstanceActions.CreateTags(call, form),
            _ => Error(call, 400, "InvalidAction", "The action is not valid for this web service."),
        };
    }

    internal static SandboxResponse Error(SandboxCall call, int status, string code, string message) =>
        ErrorResponses.Ec2(call.RequestId, status, code, message);

    internal static SandboxResponse Unauthorized(SandboxCall call) =>
        Error(call, 403, "UnauthorizedOperation", $"You are not authorized to perform this operation. ({call.DenyReason})");

    internal static SandboxResponse? DryRun(SandboxCall call, FormParameters form) =>
        form["DryRun"] == "true" ? Error(call, 412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.") : null;

    internal static string InstanceArn(SandboxCall call, string id) =>
        $"arn:aws:ec2:{call.Environment.Region}:{call.Environment.AccountId}:instance/{id}";

    private static SandboxResponse DescribeInstances(SandboxCall call, FormParameters form)
    {
        if (!call.Authorize("ec2:DescribeInstances", [new AccessCheck("ec2:DescribeInstances", "*")]))
        {
            return Unauthorized(call);
        }

        if (DryRun(call, form) is { } dryRun)
        {
            return dryRun;
        }

        var ids = form.List("InstanceId");
        var filters = new List<(string Name, List<string> Values)>();
        for (var i = 1; form[$"Filter.{i}.Name"] is { } name; i++)
        {
            if (name is not ("instance-state-name" or "instance-type" or "instance-id") && !name.StartsWith("tag:", StringComparison.Ordinal))
            {
                return Error(call, 400, "InvalidParameterValue", $"The filter '{name}' is invalid");
            }

            filters.Add((name, form.List($"Filter.{i}.Value")));
        }

        var maxResults = int.MaxValue;
        if (form["MaxResults"] is { } maxText)
        {
            if (ids.Count > 0)
            {
                return Error(call, 400, "InvalidParameterCombination", "The parameter instancesSet cannot be used with the parameter maxResults");
            }

            if (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out maxResults) || maxResults is < 5 or > 1000)
            {
                return Error(call, 400, "InvalidParameterValue", "MaxResults must be between 5 and 1000.");
            }
        }

        var offset = 0;
        if (form["NextToken"] is { } token)
        {
            if (DecodeOffset(token) is not { } decoded)
            {
                return Error(call, 400, "InvalidParameterValue", "The NextToken is not valid.");
            }

            offset = decoded;
        }

        var state = call.Environment.State;
        List<Ec2Instance> matched;
        lock (state.Gate)
        {
            if (ids.FirstOrDefault(id => !state.InstanceList.Exists(i => i.InstanceId == id)) is { } missing)
            {
                return Error(call, 400, "InvalidInstanceID.NotFound", $"The instance ID '{missing}' does not exist");
            }

            matched = [.. state.InstanceList.Where(i => (ids.Count == 0 || ids.Contains(i.InstanceId)) && filters.All(f => Matches(i, f.Name, f.Values)))];
            // Snapshot the values written below while still under the lock.
            matched = [.. matched.Select(Copy)];
        }

        var page = matched.Skip(offset).Take(maxResults).ToList();
        var next = offset + page.Count < matched.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes((offset + page.Count).ToString(CultureInfo.InvariantCulture))) : null;
        return Ec2Xml.Ok(call, "DescribeInstances", w =>
        {
            w.WriteStartElement("reservationSet");
            foreach (var reservation in page.GroupBy(i => i.ReservationId))
            {
                w.WriteStartElement("item");
                w.WriteElementString("reservationId", reservation.Key);
                w.WriteElementString("ownerId", call.Environment.AccountId);
                w.WriteStartElement("groupSet");
                w.WriteEndElement();
                w.WriteStartElement("instancesSet");
                foreach (var instance in reservation)
                {
                    Ec2Xml.Instance(w, instance);
                }

                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
            if (next is not null)
            {
                w.WriteElementString("nextToken", next);
            }
        });
    }

    internal static Ec2Instance Copy(Ec2Instance i)
    {
        var copy = new Ec2Instance
        {
            InstanceId = i.InstanceId, ReservationId = i.ReservationId, InstanceType = i.InstanceType, ImageId = i.ImageId,
            SubnetId = i.SubnetId, SecurityGroupIds = i.SecurityGroupIds, KeyName = i.KeyName, LaunchTime = i.LaunchTime, State = i.State,
        };
        foreach (var (key, value) in i.Tags)
        {
            copy.Tags[key] = value;
        }

        return copy;
    }

    private static int? DecodeOffset(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool Matches(Ec2Instance instance, string name, List<string> values)
    {
        var actual = name switch
        {
            "instance-state-name" => instance.State,
            "instance-type" => instance.InstanceType,
            "instance-id" => instance.InstanceId,
            _ => instance.Tags.TryGetValue(name[4..], out var tag) ? tag : null,
        };
        return actual is not null && values.Any(v => Glob.IsMatch(v, actual, ignoreCase: false));
    }
}
