using Amazon.Runtime;
using Sentrely.Configuration;

namespace Sentrely.Mcp.Hosting;

/// <summary>What one server runs with: configuration, tools, how it is labelled, where it audits, which base credentials it uses.</summary>
/// <param name="Config">The validated configuration.</param>
/// <param name="Tools">The curated tools.</param>
/// <param name="Transport">The transport as audit records name it (<c>stdio</c>, <c>sandbox+stdio</c>).</param>
/// <param name="Title">The server title clients show.</param>
/// <param name="StorePath">The SQLite audit store.</param>
/// <param name="BaseCredentials">Resolves the broker's base credentials; null uses <c>aws.profile</c> or the SDK default chain.</param>
/// <param name="FileConfig">The configuration as read from its file, before sandbox overrides; null means <paramref name="Config"/>. Reloads compare against it.</param>
internal sealed record ServerSetup(
    SentrelyConfig Config,
    SentrelyTools Tools,
    string Transport,
    string Title,
    string StorePath,
    Func<AWSCredentials>? BaseCredentials = null,
    SentrelyConfig? FileConfig = null);
