namespace Sentrely.Sandbox.Identity;

/// <summary>Who signed a request: the base (broker) key or an issued temporary credential.</summary>
internal sealed record Caller(string AccessKeyId, string SecretAccessKey, IssuedCredential? Session)
{
    public bool IsBase => Session is null;
}
