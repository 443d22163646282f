using Sentrely.Configuration;
using Sentrely.Credentials;

namespace Sentrely.Mcp.Hosting;

/// <summary>
/// Who is at the keyboard in stdio mode: <c>identity.developer</c>, else the OS user. The same rule names a session's
/// developer and the reviewer running <c>sentrely approvals</c>; it is a convention, not authentication.
/// </summary>
internal static class LocalIdentity
{
    /// <summary>Returns the developer, sanitised as STS SourceIdentity values are.</summary>
    public static string Developer(IdentityConfig identity) => StsNames.SourceIdentity(identity.Developer ?? Environment.UserName);
}
