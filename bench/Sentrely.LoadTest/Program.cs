using System.Diagnostics;
using System.Globalization;
using ModelContextProtocol.Client;

// Bounded, loopback-only load on Sentrely's team server: N concurrent MCP sessions (spread over the given replicas)
// each make M describe-instances calls; prints calls/s and latency percentiles. Exit 1 if any call failed.
// Usage: Sentrely.LoadTest --url http://127.0.0.1:8787/mcp [--url …] --token T [--sessions 16] [--calls 50]
var urls = new List<Uri>();
string? token = null;
var sessions = 16;
var calls = 50;
for (var i = 0; i < args.Length - 1; i += 2)
{
    switch (args[i])
    {
        case "--url": urls.Add(new Uri(args[i + 1])); break;
        case "--token": token = args[i + 1]; break;
        case "--sessions": sessions = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--calls": calls = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

if (urls.Count == 0 || token is null || urls.Any(u => !u.IsLoopback) || sessions is < 1 or > 512 || calls is < 1 or > 10_000)
{
    Console.Error.WriteLine("usage: --url http://127.0.0.1:PORT/mcp [--url …] --token T [--sessions 1-512] [--calls 1-10000] (loopback only)");
    return 2;
}

var clients = await Task.WhenAll(Enumerable.Range(0, sessions).Select(async s =>
{
    var transport = new HttpClientTransport(new HttpClientTransportOptions
    {
        Endpoint = urls[s % urls.Count],
        AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
    });
    return await McpClient.CreateAsync(transport);
}));

var latencies = new double[sessions * calls];
var failures = 0;
var wall = Stopwatch.StartNew();
await Task.WhenAll(clients.Select((client, s) => Task.Run(async () =>
{
    var arguments = new Dictionary<string, object?>();
    for (var c = 0; c < calls; c++)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await client.CallToolAsync("describe-instances", arguments);
        latencies[(s * calls) + c] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (result.IsError == true)
        {
            Interlocked.Increment(ref failures);
        }
    }
})));
wall.Stop();
foreach (var client in clients)
{
    await client.DisposeAsync();
}

Array.Sort(latencies);
double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
var total = sessions * calls;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| replicas | sessions | calls | failed | calls/s | p50 ms | p99 ms | max ms |"));
Console.WriteLine("|---|---|---|---|---|---|---|---|");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| {urls.Count} | {sessions} | {total} | {failures} | {total / wall.Elapsed.TotalSeconds:F0} | {Percentile(0.50):F1} | {Percentile(0.99):F1} | {latencies[^1]:F1} |"));
return failures == 0 ? 0 : 1;
