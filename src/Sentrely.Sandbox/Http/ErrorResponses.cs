using System.Text.Json;

namespace Sentrely.Sandbox.Http;

/// <summary>Errors in each service's real wire format, so the real SDK clients surface the right ErrorCode.</summary>
internal static class ErrorResponses
{
    public static SandboxResponse For(string service, string requestId, int status, string code, string message) => service switch
    {
        "s3" => S3(requestId, status, code, message),
        "lambda" => Lambda(requestId, status, code, message),
        "ec2" => Ec2(requestId, status, code, message),
        "iam" => Iam(requestId, status, code, message),
        _ => Sts(requestId, status, code, message),
    };

    public static SandboxResponse Sts(string requestId, int status, string code, string message) =>
        Query(requestId, status, code, message, "https://sts.amazonaws.com/doc/2011-06-15/");

    public static SandboxResponse Iam(string requestId, int status, string code, string message) =>
        Query(requestId, status, code, message, "https://iam.amazonaws.com/doc/2010-05-08/");

    private static SandboxResponse Query(string requestId, int status, string code, string message, string ns) =>
        new(status, "text/xml", XmlBody.Write(w =>
        {
            w.WriteStartElement("ErrorResponse", ns);
            w.WriteStartElement("Error");
            w.WriteElementString("Type", status >= 500 ? "Receiver" : "Sender");
            w.WriteElementString("Code", code);
            w.WriteElementString("Message", message);
            w.WriteEndElement();
            w.WriteElementString("RequestId", requestId);
            w.WriteEndElement();
        }), code);

    public static SandboxResponse S3(string requestId, int status, string code, string message) =>
        new(status, "application/xml", XmlBody.Write(w =>
        {
            w.WriteStartElement("Error");
            w.WriteElementString("Code", code);
            w.WriteElementString("Message", message);
            w.WriteElementString("RequestId", requestId);
            w.WriteEndElement();
        }), code);

    public static SandboxResponse Ec2(string requestId, int status, string code, string message) =>
        new(status, "text/xml", XmlBody.Write(w =>
        {
            w.WriteStartElement("Response");
            w.WriteStartElement("Errors");
            w.WriteStartElement("Error");
            w.WriteElementString("Code", code);
            w.WriteElementString("Message", message);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteElementString("RequestID", requestId);
            w.WriteEndElement();
        }), code);

    public static SandboxResponse Lambda(string requestId, int status, string code, string message)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("Type", status >= 500 ? "Service" : "User");
            // Real Lambda spells the message property "message" for PreconditionFailed and "Message" elsewhere.
            json.WriteString(code == "PreconditionFailedException" ? "message" : "Message", message);
            json.WriteEndObject();
        }

        return new SandboxResponse(status, "application/json", stream.ToArray(), code)
        {
            Headers = { new("X-Amzn-ErrorType", code) },
        };
    }
}
