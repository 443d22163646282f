namespace Sentrely.Sandbox.Http;

/// <summary>Maps an authentication failure to each service's status and error code.</summary>
internal static class AuthFailureResponses
{
    public static SandboxResponse For(string service, string requestId, AuthFailure failure, string detail)
    {
        var s3 = service == "s3";
        var (status, code, message) = failure switch
        {
            AuthFailure.MissingAuthentication => s3
                ? (403, "AccessDenied", "Anonymous access is not allowed.")
                : (403, "MissingAuthenticationToken", "Request is missing Authentication Token"),
            AuthFailure.UnknownAccessKey => service switch
            {
                "s3" => (403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records."),
                "lambda" => (403, "UnrecognizedClientException", "The security token included in the request is invalid."),
                "ec2" => (401, "AuthFailure", "AWS was not able to validate the provided access credentials"),
                _ => (403, "InvalidClientTokenId", "The security token included in the request is invalid."),
            },
            AuthFailure.InvalidToken => service switch
            {
                "s3" => (400, "InvalidToken", "The provided token is malformed or otherwise invalid."),
                "lambda" => (403, "UnrecognizedClientException", "The security token included in the request is invalid."),
                "ec2" => (401, "AuthFailure", "AWS was not able to validate the provided access credentials"),
                _ => (403, "InvalidClientTokenId", "The security token included in the request is invalid."),
            },
            AuthFailure.ExpiredToken => service switch
            {
                "s3" => (400, "ExpiredToken", "The provided token has expired."),
                "lambda" => (403, "ExpiredTokenException", "The security token included in the request is expired"),
                _ => (403, "ExpiredToken", "The security token included in the request is expired"),
            },
            AuthFailure.TimeSkewed => service switch
            {
                "s3" => (403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large."),
                "ec2" => (400, "RequestExpired", "Request has expired."),
                _ => (403, "SignatureDoesNotMatch", "Signature expired: the request time is more than 15 minutes from the server time."),
            },
            AuthFailure.WrongRegion => s3
                ? (400, "AuthorizationHeaderMalformed", "The authorization header is malformed; the region is wrong.")
                : (403, "SignatureDoesNotMatch", "Credential should be scoped to a valid region."),
            AuthFailure.PayloadHashMismatch => s3
                ? (400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.")
                : (403, "SignatureDoesNotMatch", "The request payload does not match x-amz-content-sha256."),
            AuthFailure.MalformedRequest => s3
                ? (400, "InvalidRequest", detail)
                : (400, "IncompleteSignature", detail),
            _ => (403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."),
        };
        return ErrorResponses.For(service, requestId, status, code, message);
    }
}
