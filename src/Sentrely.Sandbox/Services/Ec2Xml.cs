using System.Globalization;
using System.Xml;
using Sentrely.Sandbox.Http;
using Sentrely.Sandbox.State;

namespace Sentrely.Sandbox.Services;

/// <summary>EC2 query-protocol response bodies (2016-11-15 namespace), written with XmlWriter.</summary>
internal static class Ec2Xml
{
    private const string Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public static SandboxResponse Ok(SandboxCall call, string action, Action<XmlWriter> write) =>
        new(200, "text/xml;charset=UTF-8", XmlBody.Write(w =>
        {
            w.WriteStartElement(action + "Response", Ns);
            w.WriteElementString("requestId", call.RequestId);
            write(w);
            w.WriteEndElement();
        }), null);

    public static void Instance(XmlWriter w, Ec2Instance instance, string? reportedState = null)
    {
        w.WriteStartElement("item");
        w.WriteElementString("instanceId", instance.InstanceId);
        w.WriteElementString("imageId", instance.ImageId);
        State(w, "instanceState", reportedState ?? instance.State);
        w.WriteElementString("privateDnsName", string.Empty);
        w.Element("keyName", instance.KeyName);
        w.WriteElementString("amiLaunchIndex", "0");
        w.WriteElementString("instanceType", instance.InstanceType);
        w.WriteElementString("launchTime", instance.LaunchTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        w.Element("subnetId", instance.SubnetId);
        w.WriteStartElement("groupSet");
        foreach (var group in instance.SecurityGroupIds)
        {
            w.WriteStartElement("item");
            w.WriteElementString("groupId", group);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteElementString("architecture", "x86_64");
        w.WriteElementString("rootDeviceType", "ebs");
        if (instance.Tags.Count > 0)
        {
            w.WriteStartElement("tagSet");
            foreach (var (key, value) in instance.Tags)
            {
                w.WriteStartElement("item");
                w.WriteElementString("key", key);
                w.WriteElementString("value", value);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    public static void State(XmlWriter w, string element, string state)
    {
        w.WriteStartElement(element);
        w.WriteElementString("code", Ec2Instance.StateCode(state).ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("name", state);
        w.WriteEndElement();
    }
}
