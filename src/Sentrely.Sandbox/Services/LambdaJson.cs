using System.Globalization;
using System.Text.Json;
using Sentrely.Sandbox.Http;
using Sentrely.Sandbox.State;

namespace Sentrely.Sandbox.Services;

/// <summary>Lambda rest-json bodies written with Utf8JsonWriter.</summary>
internal static class LambdaJson
{
    public static SandboxResponse Ok(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            write(json);
        }

        return new SandboxResponse(200, "application/json", stream.ToArray(), null);
    }

    /// <summary>Writes a FunctionConfiguration, environment values included (as real Lambda returns them).</summary>
    public static void WriteConfiguration(Utf8JsonWriter json, SandboxEnvironment environment, LambdaFunctionConfig config, bool qualifiedArn)
    {
        var arn = environment.State.FunctionArn(config.Name) + (qualifiedArn ? ":" + config.Version : string.Empty);
        json.WriteStartObject();
        json.WriteString("FunctionName", config.Name);
        json.WriteString("FunctionArn", arn);
        if (config.PackageType == "Zip")
        {
            json.WriteString("Runtime", config.Runtime);
            json.WriteString("Handler", config.Handler);
        }

        json.WriteString("Role", $"arn:aws:iam::{environment.AccountId}:role/lambda-{config.Name}");
        json.WriteNumber("CodeSize", config.CodeSize);
        json.WriteString("Description", string.Empty);
        json.WriteNumber("Timeout", 3);
        json.WriteNumber("MemorySize", 128);
        json.WriteString("LastModified", config.LastModified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture));
        json.WriteString("CodeSha256", config.CodeSha256);
        json.WriteString("Version", config.Version);
        if (config.Environment.Count > 0)
        {
            json.WriteStartObject("Environment");
            json.WriteStartObject("Variables");
            foreach (var (name, value) in config.Environment)
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteStartObject("TracingConfig");
        json.WriteString("Mode", "PassThrough");
        json.WriteEndObject();
        json.WriteString("RevisionId", config.RevisionId);
        json.WriteString("State", "Active");
        json.WriteString("LastUpdateStatus", config.LastUpdateStatus);
        if (config.LastUpdateStatus == "InProgress")
        {
            json.WriteString("LastUpdateStatusReason", "The function is being updated.");
            json.WriteString("LastUpdateStatusReasonCode", "Updating");
        }

        json.WriteString("PackageType", config.PackageType);
        json.WriteStartArray("Architectures");
        json.WriteStringValue("x86_64");
        json.WriteEndArray();
        json.WriteStartObject("EphemeralStorage");
        json.WriteNumber("Size", 512);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
