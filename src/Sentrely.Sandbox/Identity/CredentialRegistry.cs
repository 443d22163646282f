using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Sentrely.Sandbox.Identity;

/// <summary>The base credential and every credential issued by AssumeRole. Thread-safe.</summary>
internal sealed class CredentialRegistry
{
    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private readonly ConcurrentDictionary<string, IssuedCredential> _issued = new(StringComparer.Ordinal);

    public CredentialRegistry()
    {
        BaseAccessKeyId = NewAccessKeyId("AKIA");
        BaseSecretAccessKey = NewSecret();
    }

    public string BaseAccessKeyId { get; }

    public string BaseSecretAccessKey { get; }

    public static string NewAccessKeyId(string prefix) => prefix + RandomNumberGenerator.GetString(KeyAlphabet, 16);

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));

    public static string NewSessionToken() => "FwoGZXIvYXdzE" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(180));

    public Caller? Find(string accessKeyId)
    {
        if (accessKeyId == BaseAccessKeyId)
        {
            return new Caller(BaseAccessKeyId, BaseSecretAccessKey, null);
        }

        return _issued.TryGetValue(accessKeyId, out var issued)
            ? new Caller(issued.AccessKeyId, issued.SecretAccessKey, issued)
            : null;
    }

    /// <summary>Returns every key id, secret and session token known, so tests can prove none of them leaked.</summary>
    public IReadOnlyList<string> AllSecrets() =>
        [BaseAccessKeyId, BaseSecretAccessKey, .. _issued.Values.SelectMany(c => new[] { c.AccessKeyId, c.SecretAccessKey, c.SessionToken })];

    public void Add(IssuedCredential credential)
    {
        if (!_issued.TryAdd(credential.AccessKeyId, credential))
        {
            throw new InvalidOperationException("Access key ID collision.");
        }
    }
}
