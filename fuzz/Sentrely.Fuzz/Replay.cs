namespace Sentrely.Fuzz;

/// <summary>Runs saved inputs once each (a crash AFL found, or the whole corpus) and reports which break an invariant.</summary>
internal static class Replay
{
    /// <summary>Returns 0 when every input passed, 1 otherwise.</summary>
    public static int Run(IFuzzTarget target, IEnumerable<string> paths)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]).Order(StringComparer.Ordinal).ToList();
        var failed = 0;
        foreach (var file in files)
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine($"{file}: {e.GetType().Name}: {e.Message}");
            }
        }

        Console.WriteLine($"{target.Name}: {files.Count} inputs, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
