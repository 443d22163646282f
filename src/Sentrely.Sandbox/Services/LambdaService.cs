using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Sentrely.Sandbox.Http;
using Sentrely.Sandbox.Policy;
using Sentrely.Sandbox.Signing;
using Sentrely.Sandbox.State;

namespace Sentrely.Sandbox.Services;

/// <summary>Lambda (rest-json, /2015-03-31/functions…): UpdateFunctionCode, GetFunctionConfiguration, GetFunction, ListFunctions.</summary>
internal sealed class LambdaService : IAwsService
{
    private const string Root = "/2015-03-31/functions";

    public SandboxResponse Handle(SandboxCall call)
    {
        if (!call.RawPath.StartsWith(Root, StringComparison.Ordinal))
        {
            return Error(call, 404, "UnknownOperationException", "Unknown operation.");
        }

        var rest = call.RawPath[Root.Length..].Trim('/');
        var segments = rest.Length == 0 ? [] : rest.Split('/');
        var query = QueryHelpers.ParseQuery(call.RawQuery);
        string? Param(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
        return (call.Method, segments.Length, segments.Length > 1 ? segments[1] : null) switch
        {
            ("GET", 0, _) => ListFunctions(call, Param("Marker"), Param("MaxItems"), Param("FunctionVersion")),
            ("GET", 1, _) => Get(call, AwsUriEncoder.Decode(segments[0]), Param("Qualifier"), full: true),
            ("GET", 2, "configuration") => Get(call, AwsUriEncoder.Decode(segments[0]), Param("Qualifier"), full: false),
            ("PUT", 2, "code") => LambdaCodeUpdate.Update(call, AwsUriEncoder.Decode(segments[0])),
            _ => Error(call, 404, "UnknownOperationException", "Unknown operation."),
        };
    }

    internal static SandboxResponse Error(SandboxCall call, int status, string code, string message) =>
        ErrorResponses.Lambda(call.RequestId, status, code, message);

    internal static SandboxResponse AccessDenied(SandboxCall call, string resource) =>
        Error(call, 403, "AccessDeniedException",
            $"User is not authorized to perform: {call.Action} on resource: {resource} because no session policy allows the {call.Action} action");

    internal static SandboxResponse NotFound(SandboxCall call, string name) =>
        Error(call, 404, "ResourceNotFoundException", $"Function not found: {call.Environment.State.FunctionArn(name)}");

    /// <summary>Accepts a name or a full function ARN (optionally qualified); returns the name and qualifier.</summary>
    internal static (string? Name, string? Qualifier) ResolveName(SandboxCall call, string value)
    {
        var prefix = $"arn:aws:lambda:{call.Environment.Region}:{call.Environment.AccountId}:function:";
        if (value.StartsWith("arn:", StringComparison.Ordinal))
        {
            if (!value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (null, null);
            }

            var parts = value[prefix.Length..].Split(':');
            return parts.Length switch { 1 => (parts[0], null), 2 => (parts[0], parts[1]), _ => (null, null) };
        }

        return (value, null);
    }

    private static SandboxResponse Get(SandboxCall call, string functionName, string? qualifier, bool full)
    {
        var action = full ? "lambda:GetFunction" : "lambda:GetFunctionConfiguration";
        call.SetAction(action);
        var (name, arnQualifier) = ResolveName(call, functionName);
        if (name is null || !SandboxState.FunctionNamePattern().IsMatch(name)
            || (qualifier is not null && arnQualifier is not null && qualifier != arnQualifier)
            || (qualifier ?? arnQualifier) is { Length: 0 or > 128 })
        {
            return Error(call, 400, "InvalidParameterValueException", "The function name or qualifier is not valid.");
        }

        qualifier ??= arnQualifier;
        var resource = call.Environment.State.FunctionArn(name) + (qualifier is null ? string.Empty : ":" + qualifier);
        if (!call.Authorize(action, [new AccessCheck(action, resource)]))
        {
            return AccessDenied(call, resource);
        }

        var state = call.Environment.State;
        LambdaFunctionConfig? config;
        lock (state.Gate)
        {
            config = !state.Functions.TryGetValue(name, out var function) ? null
                : qualifier is null or "$LATEST" ? function.ObserveLatest()
                : function.Published.Find(p => p.Version == qualifier);
        }

        if (config is null)
        {
            return NotFound(call, name);
        }

        return LambdaJson.Ok(json =>
        {
            if (!full)
            {
                LambdaJson.WriteConfiguration(json, call.Environment, config, qualifier is not null);
                return;
            }

            json.WriteStartObject();
            json.WritePropertyName("Configuration");
            LambdaJson.WriteConfiguration(json, call.Environment, config, qualifier is not null);
            json.WriteStartObject("Code");
            if (config.ImageUri is not null)
            {
                json.WriteString("RepositoryType", "ECR");
                json.WriteString("ImageUri", config.ImageUri);
            }
            else
            {
                json.WriteString("RepositoryType", "S3");
                json.WriteString("Location", $"https://awslambda-{call.Environment.Region}-tasks.s3.{call.Environment.Region}.amazonaws.com/snapshots/{call.Environment.AccountId}/{name}");
            }

            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    private static SandboxResponse ListFunctions(SandboxCall call, string? marker, string? maxItemsText, string? functionVersion)
    {
        if (!call.Authorize("lambda:ListFunctions", [new AccessCheck("lambda:ListFunctions", "*")]))
        {
            return AccessDenied(call, "*");
        }

        var maxItems = 50;
        if (maxItemsText is not null
            && (!int.TryParse(maxItemsText, NumberStyles.None, CultureInfo.InvariantCulture, out maxItems) || maxItems is < 1 or > 10000))
        {
            return Error(call, 400, "InvalidParameterValueException", "MaxItems must be between 1 and 10000.");
        }

        string? after = null;
        if (marker is not null)
        {
            try
            {
                after = Encoding.UTF8.GetString(Convert.FromBase64String(marker));
            }
            catch (FormatException)
            {
                return Error(call, 400, "InvalidParameterValueException", "The Marker is not valid.");
            }
        }

        var state = call.Environment.State;
        List<(string SortKey, LambdaFunctionConfig Config)> all;
        lock (state.Gate)
        {
            all = [.. state.Functions.Values.SelectMany(f => functionVersion == "ALL"
                ? f.Published.Append(f.Latest).Select(c => (c.Name + ":" + c.Version, c))
                : [(f.Latest.Name + ":", f.Latest)])];
        }

        var page = all.Where(e => after is null || string.CompareOrdinal(e.SortKey, after) > 0).OrderBy(e => e.SortKey, StringComparer.Ordinal).ToList();
        var next = page.Count > maxItems ? Convert.ToBase64String(Encoding.UTF8.GetBytes(page[maxItems - 1].SortKey)) : null;
        return LambdaJson.Ok(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("Functions");
            foreach (var (_, config) in page.Take(maxItems))
            {
                LambdaJson.WriteConfiguration(json, call.Environment, config, functionVersion == "ALL" && config.Version != "$LATEST");
            }

            json.WriteEndArray();
            if (next is not null)
            {
                json.WriteString("NextMarker", next);
            }

            json.WriteEndObject();
        });
    }
}
