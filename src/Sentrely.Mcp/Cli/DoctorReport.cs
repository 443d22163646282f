namespace Sentrely.Mcp.Cli;

/// <summary>Prints the doctor's lines to stdout: ✔ passed, ✖ failed (with a fix), – not checked.</summary>
internal sealed class DoctorReport
{
    public int Failures { get; private set; }

    public void Pass(string what) => Console.WriteLine($"✔ {what}");

    public void Fail(string what, string fix)
    {
        Failures++;
        Console.WriteLine($"✖ {what}\n    fix: {fix}");
    }

    public void Skip(string what) => Console.WriteLine($"– not checked: {what}");
}
