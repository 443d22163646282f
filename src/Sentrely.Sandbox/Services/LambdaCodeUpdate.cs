using System.Globalization;
using System.Text.Json;
using Sentrely.Sandbox.Http;
using Sentrely.Sandbox.Policy;
using Sentrely.Sandbox.State;

namespace Sentrely.Sandbox.Services;

/// <summary>
/// UpdateFunctionCode: ZipFile | S3Bucket+S3Key (+S3ObjectVersion) | ImageUri, Publish, DryRun, RevisionId. As Lambda
/// does, an S3 package is read with the caller's permissions: the caller's session policy must allow
/// <c>s3:GetObject</c> (<c>s3:GetObjectVersion</c> for a version) on the object.
/// </summary>
internal static class LambdaCodeUpdate
{
    private const int MaxZipBytes = 50 * 1024 * 1024;

    public static SandboxResponse Update(SandboxCall call, string functionName)
    {
        const string Action = "lambda:UpdateFunctionCode";
        call.SetAction(Action);
        var (name, qualifier) = LambdaService.ResolveName(call, functionName);
        if (name is null || qualifier is not null || !SandboxState.FunctionNamePattern().IsMatch(name))
        {
            return Invalid(call, "The function name is not valid.");
        }

        string? zipBase64 = null, bucket = null, key = null, objectVersion = null, imageUri = null, revisionId = null;
        bool publish = false, dryRun = false;
        try
        {
            using var document = JsonDocument.Parse(call.Body);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "ZipFile": zipBase64 = property.Value.GetString(); break;
                    case "S3Bucket": bucket = property.Value.GetString(); break;
                    case "S3Key": key = property.Value.GetString(); break;
                    case "ImageUri": imageUri = property.Value.GetString(); break;
                    case "RevisionId": revisionId = property.Value.GetString(); break;
                    case "Publish": publish = property.Value.GetBoolean(); break;
                    case "DryRun": dryRun = property.Value.GetBoolean(); break;
                    case "S3ObjectVersion": objectVersion = property.Value.GetString(); break;
                    default: break;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return LambdaService.Error(call, 400, "InvalidRequestContentException", "Could not parse request body into json.");
        }

        var sources = (zipBase64 is null ? 0 : 1) + (bucket is null && key is null ? 0 : 1) + (imageUri is null ? 0 : 1);
        if (sources != 1 || (bucket is null) != (key is null) || (objectVersion is not null && bucket is null) || bucket is { Length: < 3 or > 63 } || key is { Length: < 1 or > 1024 })
        {
            return Invalid(call, "Please provide exactly one source for function code: ZipFile, S3Bucket and S3Key, or ImageUri.");
        }

        byte[]? zip = null;
        if (zipBase64 is not null)
        {
            try
            {
                zip = Convert.FromBase64String(zipBase64);
            }
            catch (FormatException)
            {
                return Invalid(call, "ZipFile is not valid base64.");
            }
        }

        var arn = call.Environment.State.FunctionArn(name);
        if (!call.Authorize(Action, [new AccessCheck(Action, arn)]))
        {
            return LambdaService.AccessDenied(call, arn);
        }

        if (bucket is not null)
        {
            var read = S3Service.ObjectRead(call, bucket, key!, objectVersion);
            if (!call.Authorize(Action, [read]))
            {
                return LambdaService.Error(call, 403, "AccessDeniedException", $"Your access has been denied by S3, please make sure your request credentials have permission to {read.Action} {bucket}/{key}. S3 Error Code: AccessDenied. S3 Error Message: Access Denied");
            }

            zip = call.Environment.State.FindObject(bucket, key!, out var bucketExists, objectVersion)?.Data;
            if (zip is null)
            {
                var code = !bucketExists ? "NoSuchBucket" : objectVersion is null ? "NoSuchKey" : "NoSuchVersion";
                return Invalid(call, $"Error occurred while GetObject. S3 Error Code: {code}. S3 Error Message: The specified {(bucketExists ? objectVersion is null ? "key" : "version" : "bucket")} does not exist.");
            }
        }

        if (zip is { Length: > MaxZipBytes })
        {
            return Invalid(call, "Unzipped size must be smaller than the limit.");
        }

        return Apply(call, name, zip, imageUri, revisionId, publish, dryRun);
    }

    private static SandboxResponse Apply(SandboxCall call, string name, byte[]? zip, string? imageUri, string? revisionId, bool publish, bool dryRun)
    {
        var state = call.Environment.State;
        LambdaFunctionConfig result;
        lock (state.Gate)
        {
            if (!state.Functions.TryGetValue(name, out var function))
            {
                return LambdaService.NotFound(call, name);
            }

            var latest = function.Latest;
            if ((imageUri is null) != (latest.PackageType == "Zip"))
            {
                return Invalid(call, latest.PackageType == "Zip"
                    ? "Please don't provide ImageUri when updating a function with packageType Zip."
                    : "Please provide ImageUri when updating a function with packageType Image.");
            }

            if (revisionId is not null && revisionId != latest.RevisionId)
            {
                return LambdaService.Error(call, 412, "PreconditionFailedException",
                    "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
            }

            if (latest.LastUpdateStatus == "InProgress")
            {
                return LambdaService.Error(call, 409, "ResourceConflictException",
                    $"The operation cannot be performed at this time. An update is in progress for resource: {state.FunctionArn(name)}");
            }

            if (dryRun)
            {
                result = latest;
            }
            else
            {
                var code = zip ?? [];
                function.Code = code;
                function.PendingReads = call.Environment.LambdaReadsUntilSuccessful;
                function.Latest = latest with
                {
                    ImageUri = imageUri,
                    CodeSha256 = imageUri is null ? SandboxState.CodeSha256(code) : SandboxState.CodeSha256(System.Text.Encoding.UTF8.GetBytes(imageUri)),
                    CodeSize = code.LongLength,
                    RevisionId = Guid.NewGuid().ToString(),
                    LastModified = call.Environment.Time.GetUtcNow(),
                    LastUpdateStatus = "InProgress",
                };
                result = function.Latest;
                if (publish)
                {
                    var version = (function.Published.Count + 1).ToString(CultureInfo.InvariantCulture);
                    result = function.Latest with { Version = version, LastUpdateStatus = "Successful", RevisionId = Guid.NewGuid().ToString() };
                    function.Published.Add(result);
                }
            }
        }

        return LambdaJson.Ok(json => LambdaJson.WriteConfiguration(json, call.Environment, result, result.Version != "$LATEST"));
    }

    private static SandboxResponse Invalid(SandboxCall call, string message) =>
        LambdaService.Error(call, 400, "InvalidParameterValueException", message);
}
