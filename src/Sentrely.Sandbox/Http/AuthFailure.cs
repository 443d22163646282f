namespace Sentrely.Sandbox.Http;

/// <summary>Why a request failed authentication, before any service logic ran.</summary>
internal enum AuthFailure
{
    MissingAuthentication,
    UnknownAccessKey,
    BadSignature,
    InvalidToken,
    ExpiredToken,
    TimeSkewed,
    WrongRegion,
    PayloadHashMismatch,
    MalformedRequest,
}
