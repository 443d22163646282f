using System.Xml;

namespace Sentrely.Aws.Iam;

/// <summary>Reads IAM's query-protocol answers: <c>ErrorResponse/Error/{Code,Message}</c> and <c>RequestId</c>.</summary>
internal static class IamErrorParser
{
    private const int MaxShownLength = 500;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 1024 * 1024,
    };

    /// <summary>Returns the first text of each named element (namespace ignored); missing names are absent.</summary>
    public static Dictionary<string, string> Read(byte[] body, params string[] names)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), Settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && names.Contains(reader.LocalName) && !found.ContainsKey(reader.LocalName))
                {
                    var name = reader.LocalName;
                    found[name] = reader.ReadElementContentAsString();
                }
            }
        }
        catch (XmlException)
        {
            // An unreadable body: the caller reports the status code alone.
        }

        return found;
    }

    /// <summary>Builds the exception of a refused call.</summary>
    public static IamApiException Parse(int status, byte[] body, string? headerRequestId)
    {
        var fields = Read(body, "Code", "Message", "RequestId");
        var code = fields.TryGetValue("Code", out var c) ? Clean(c, 64) : "HTTP" + status;
        var message = fields.TryGetValue("Message", out var m) ? Clean(m, MaxShownLength) : "no error message";
        return new IamApiException($"IAM refused the call: {code}: {message}")
        {
            ErrorCode = code,
            StatusCode = status,
            RequestId = fields.TryGetValue("RequestId", out var id) ? Clean(id, 64) : headerRequestId,
        };
    }

    // Error texts are shown to the operator: no control characters, bounded length.
    private static string Clean(string text, int max) =>
        new(text.Where(ch => !char.IsControl(ch)).Take(max).ToArray());
}
