namespace Sentrely.Harness;

/// <summary>One harness run: cold start, per call (each server, then the SDK directly), in process; prints the table.</summary>
internal static class Harness
{
    public static async Task<int> RunAsync(HarnessOptions options)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(options.Smoke ? 5 : 30));
        var ct = cts.Token;
        await using var world = await BenchWorld.StartAsync();

        var aot = ServerCommand.For(Labels.Aot, options.Aot, world.ServeArguments);
        var jit = options.Jit is null ? null : ServerCommand.For(Labels.Jit, options.Jit, world.ServeArguments);
        List<ServerCommand> variants = [aot];
        if (jit is not null)
        {
            variants.Add(jit);
        }

        if (options.MinimalAot is not null)
        {
            variants.Add(ServerCommand.For(Labels.MinimalAot, options.MinimalAot, []));
        }

        if (options.MinimalJit is not null)
        {
            variants.Add(ServerCommand.For(Labels.MinimalJit, options.MinimalJit, []));
        }

        Console.Error.WriteLine($"cold start: {options.Launches} launches of {variants.Count} variant(s), round-robin");
        var coldStart = await ColdStartBench.RunAsync(variants, options.Launches, world, ct);

        Console.Error.WriteLine($"per call: {options.Calls} describe-instances calls after {options.WarmUp} warm-up, each server, then the SDK directly");
        List<PerCallResult> perCall = [await PerCallBench.RunAsync(aot, world, options.WarmUp, options.Calls, ct)];
        if (jit is not null)
        {
            perCall.Add(await PerCallBench.RunAsync(jit, world, options.WarmUp, options.Calls, ct));
        }

        var direct = await DirectSdkBench.RunAsync(world, options.WarmUp, options.Calls, ct);

        Console.Error.WriteLine($"in process: {options.Appends} audit appends, policy decisions");
        var inProcess = await InProcessBench.RunAsync(world.Folder, options.Appends, ct);

        var report = new Report(options);
        report.ColdStart(coldStart);
        report.PerCall(perCall, direct);
        report.InProcess(inProcess);
        Console.WriteLine(report);
        Console.WriteLine($"Mode: {(options.Smoke ? "smoke (fails on gross regressions only)" : "full")}; {options.Launches} launches, {options.Calls} calls after {options.WarmUp} warm-up, {options.Appends} audit appends.");
        foreach (var missed in report.Missed)
        {
            Console.WriteLine($"target missed: {missed}");
        }

        foreach (var failure in report.Failures)
        {
            Console.WriteLine($"FAIL: {failure}");
        }

        return report.Failures.Count == 0 ? 0 : 1;
    }
}
