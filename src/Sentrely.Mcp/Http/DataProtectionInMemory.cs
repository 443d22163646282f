using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Sentrely.Mcp.Http;

/// <summary>
/// Keeps ASP.NET Core data-protection keys off the disk. Authentication registers data protection, and its hosted service
/// creates a key ring at startup — by default an unencrypted XML key in <c>~/.aspnet/DataProtection-Keys</c>, with a
/// warning. Nothing on the team server protects payloads that must outlive the process or cross replicas: MCP session ids
/// are random (the SDK keeps sessions per replica, so a load balancer must pin them), bearer tokens are checked against
/// hashes in the shared store, and there are no cookie or antiforgery tokens. So the provider is ephemeral (keys in memory,
/// gone at exit, none shared) and the startup key ring is never created.
/// </summary>
internal static class DataProtectionInMemory
{
    /// <summary>Registers the ephemeral provider and removes the service that would write a key ring at startup.</summary>
    public static void Configure(IServiceCollection services)
    {
        services.AddDataProtection().UseEphemeralDataProtectionProvider();

        // The data-protection assembly's only hosted service loads (and first creates) the persisted key ring; the
        // ephemeral provider never reads that ring, so without the service no key is generated, written or warned about.
        var dataProtection = typeof(KeyManagementOptions).Assembly;
        var eager = services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly == dataProtection).ToArray();
        foreach (var descriptor in eager)
        {
            services.Remove(descriptor);
        }
    }
}
