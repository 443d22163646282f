using Sentrely.Audit;

namespace Sentrely.Mcp.Cli;

/// <summary>Prints the doctor's lines to stdout: ✔ passed, ✖ failed (with a fix), – not checked. Values from files and the environment are escaped.</summary>
internal sealed class DoctorReport
{
    public int Failures { get; private set; }

    public void Pass(string what) => Console.WriteLine($"✔ {OperatorText.Escape(what)}");

    public void Fail(string what, string fix)
    {
        Failures++;
        Console.WriteLine($"✖ {OperatorText.Escape(what)}\n    fix: {OperatorText.Escape(fix)}");
    }

    /// <summary>Prints a warning that does not fail the doctor: the setup works, but is weaker than it could be.</summary>
    public void Warn(string what, string fix) => Console.WriteLine($"⚠ {OperatorText.Escape(what)}\n    fix: {OperatorText.Escape(fix)}");

    /// <summary>Prints a note: something worth knowing that needs no fix.</summary>
    public void Note(string what) => Console.WriteLine($"ℹ {OperatorText.Escape(what)}");

    public void Skip(string what) => Console.WriteLine($"– not checked: {OperatorText.Escape(what)}");
}
