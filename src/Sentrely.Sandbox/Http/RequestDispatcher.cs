using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Sentrely.Sandbox.Signing;

namespace Sentrely.Sandbox.Http;

/// <summary>The single endpoint: buffers the body, authenticates, routes by SigV4 scope service, records, responds.</summary>
internal sealed class RequestDispatcher(
    SandboxEnvironment environment, IReadOnlyDictionary<string, IAwsService> services, long maxBodyBytes)
{
    private readonly RequestAuthenticator _authenticator = new(environment);

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var requestId = Guid.NewGuid().ToString();
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = question < 0 ? rawTarget : rawTarget[..question];
        var rawQuery = question < 0 ? string.Empty : rawTarget[(question + 1)..];
        var body = await ReadBodyAsync(request, http.RequestAborted).ConfigureAwait(false);

        var auth = SigV4Authorization.TryParse(request.Headers.Authorization.ToString());
        var trace = new RequestTrace(requestId, auth?.Service ?? GuessService(rawPath, body));
        SandboxResponse response;
        if (body is null)
        {
            response = ErrorResponses.For(trace.Service, requestId, 413, "EntityTooLarge", "The request body is too large.");
        }
        else if (auth is null)
        {
            response = AuthFailureResponses.For(trace.Service, requestId,
                request.Headers.Authorization.Count == 0 ? AuthFailure.MissingAuthentication : AuthFailure.MalformedRequest,
                "The Authorization header is malformed.");
        }
        else
        {
            trace.AccessKeyId = auth.AccessKeyId;
            response = Handle(request, rawPath, rawQuery, body, auth, trace);
        }

        environment.Add(trace.ToRecord(response));
        await WriteAsync(http, trace.Service, requestId, response).ConfigureAwait(false);
    }

    private SandboxResponse Handle(HttpRequest request, string rawPath, string rawQuery, byte[] body, SigV4Authorization auth, RequestTrace trace)
    {
        if (!services.TryGetValue(auth.Service, out var service))
        {
            trace.Service = GuessService(rawPath, body);
            return ErrorResponses.For(trace.Service, trace.RequestId, 400, "InvalidSignatureException", $"Unknown service '{auth.Service}' in the credential scope.");
        }

        var (call, refusal) = _authenticator.Authenticate(request, rawPath, rawQuery, body, auth, trace);
        if (call is null)
        {
            return refusal!;
        }

        trace.Call = call;
        try
        {
            return service.Handle(call);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug in the double must still be answered and recorded, never crash the embedding process.
            return ErrorResponses.For(auth.Service, trace.RequestId, 500, "InternalFailure", "The test double failed: " + ex.GetType().Name);
        }
    }

    private async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > maxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task WriteAsync(HttpContext http, string service, string requestId, SandboxResponse response)
    {
        var httpResponse = http.Response;
        httpResponse.StatusCode = response.StatusCode;
        if (service == "s3")
        {
            httpResponse.Headers["x-amz-request-id"] = requestId;
            httpResponse.Headers["x-amz-id-2"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(requestId));
        }
        else
        {
            httpResponse.Headers["x-amzn-RequestId"] = requestId;
        }

        foreach (var (name, value) in response.Headers)
        {
            httpResponse.Headers.Append(name, value);
        }

        if (HttpMethods.IsHead(http.Request.Method))
        {
            httpResponse.ContentLength = response.HeadContentLength ?? 0;
            if (response.ContentType is not null)
            {
                httpResponse.ContentType = response.ContentType;
            }

            return;
        }

        httpResponse.ContentLength = response.Body.Length;
        if (response.ContentType is not null)
        {
            httpResponse.ContentType = response.ContentType;
        }

        await httpResponse.Body.WriteAsync(response.Body, http.RequestAborted).ConfigureAwait(false);
    }

    private static string GuessService(string rawPath, byte[]? body)
    {
        if (rawPath.StartsWith("/2015-03-31/", StringComparison.Ordinal))
        {
            return "lambda";
        }

        var text = body is { Length: < 65536 } ? Encoding.UTF8.GetString(body) : string.Empty;
        return text.Contains("Version=2016-11-15", StringComparison.Ordinal) ? "ec2"
            : text.Contains("Version=2011-06-15", StringComparison.Ordinal) ? "sts"
            : "s3";
    }
}
