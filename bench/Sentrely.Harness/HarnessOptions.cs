using System.Globalization;

namespace Sentrely.Harness;

/// <summary>Command-line options. <c>--smoke</c> shrinks the runs for CI and switches the checks to gross-regression limits.</summary>
internal sealed record HarnessOptions
{
    public const string Usage = """
        usage: sentrely-harness --aot PATH [--jit PATH] [--minimal-aot PATH] [--minimal-jit PATH]
                                [--launches N] [--calls N] [--warmup N] [--appends N] [--smoke]
          --aot          the Native AOT sentrely binary (required)
          --jit          the framework-dependent build: sentrely.dll (run with dotnet) or its apphost
          --minimal-aot  the minimal MCP server, Native AOT;  --minimal-jit  the same, framework-dependent
          defaults: 20 launches, 500 calls after 50 warm-up, 2000 audit appends; --smoke: 5, 50 after 10, 200
        """;

    public required string Aot { get; init; }

    public string? Jit { get; init; }

    public string? MinimalAot { get; init; }

    public string? MinimalJit { get; init; }

    public int Launches { get; init; } = 20;

    public int Calls { get; init; } = 500;

    public int WarmUp { get; init; } = 50;

    public int Appends { get; init; } = 2000;

    public bool Smoke { get; init; }

    /// <summary>Parses <paramref name="args"/>; returns null (after printing why) on a usage error.</summary>
    public static HarnessOptions? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var smoke = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--smoke")
            {
                smoke = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[args[i][2..]] = args[++i];
            }
            else
            {
                Console.Error.WriteLine($"unexpected argument: {args[i]}\n{Usage}");
                return null;
            }
        }

        string[] known = ["aot", "jit", "minimal-aot", "minimal-jit", "launches", "calls", "warmup", "appends"];
        var unknown = values.Keys.FirstOrDefault(k => !known.Contains(k));
        if (unknown is not null || !values.ContainsKey("aot"))
        {
            Console.Error.WriteLine((unknown is null ? "--aot is required" : $"unknown option --{unknown}") + "\n" + Usage);
            return null;
        }

        int Int(string key, int normal, int smokeValue) =>
            values.TryGetValue(key, out var v) ? int.Parse(v, NumberStyles.None, CultureInfo.InvariantCulture) : smoke ? smokeValue : normal;

        return new HarnessOptions
        {
            Aot = values["aot"],
            Jit = values.GetValueOrDefault("jit"),
            MinimalAot = values.GetValueOrDefault("minimal-aot"),
            MinimalJit = values.GetValueOrDefault("minimal-jit"),
            Launches = Int("launches", 20, 5),
            Calls = Int("calls", 500, 50),
            WarmUp = Int("warmup", 50, 10),
            Appends = Int("appends", 2000, 200),
            Smoke = smoke,
        };
    }
}
