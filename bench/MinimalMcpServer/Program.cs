using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Sentrely.Bench.MinimalMcpServer;

// The smallest stdio MCP server on the same SDK and hosting as sentrely: one trivial tool, no logging, no config.
var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
IEnumerable<McpServerTool> tools = [new EchoTool()];
builder.Services
    .AddMcpServer(o => o.ServerInfo = new Implementation { Name = "minimal", Version = "1.0.0" })
    .WithStdioServerTransport()
    .WithTools(tools);
using var host = builder.Build();
await host.RunAsync().ConfigureAwait(false);
