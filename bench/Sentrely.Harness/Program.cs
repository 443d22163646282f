using Sentrely.Harness;

// Progress goes to stderr; the table (markdown) and the verdict go to stdout.
if (HarnessOptions.Parse(args) is not { } options)
{
    return 2;
}

try
{
    return await Harness.RunAsync(options);
}
catch (Exception ex) when (ex is InvalidOperationException or IOException or OperationCanceledException or System.ComponentModel.Win32Exception)
{
    // A server that does not start or answer is a failed run (exit 1), never a crash with a stack trace.
    Console.WriteLine($"FAIL: {ex.Message}");
    return 1;
}
