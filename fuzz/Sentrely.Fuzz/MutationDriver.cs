using System.Diagnostics;
using System.Security.Cryptography;

namespace Sentrely.Fuzz;

/// <summary>
/// A coverage-unguided fuzzer: mutates corpus inputs at random (bit flips, byte edits, splices, dictionary tokens),
/// runs the target, and saves every input that breaks an invariant. Weaker than AFL, but needs no engine.
/// </summary>
internal sealed class MutationDriver(IFuzzTarget target, string corpusFolder, string findingsFolder)
{
    private readonly Random _random = new(Environment.TickCount);

    /// <summary>Runs for <paramref name="duration"/>; returns 0 when nothing was found, 1 otherwise.</summary>
    public int Run(TimeSpan duration)
    {
        var corpus = Directory.Exists(corpusFolder)
            ? Directory.EnumerateFiles(corpusFolder).Select(File.ReadAllBytes).ToList()
            : [];
        if (corpus.Count == 0)
        {
            corpus.Add([]);
        }

        Directory.CreateDirectory(findingsFolder);
        var (executions, findings) = (0L, 0);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var input = Mutate(corpus[_random.Next(corpus.Count)], corpus);
            executions++;
            try
            {
                target.Run(input);
            }
            catch (Exception e)
            {
                var name = Path.Combine(findingsFolder, "crash-" + Convert.ToHexStringLower(SHA256.HashData(input))[..16]);
                if (!File.Exists(name))
                {
                    findings++;
                    File.WriteAllBytes(name, input);
                    Console.WriteLine($"{target.Name}: {name}: {e.GetType().Name}: {e.Message}");
                }
            }
        }

        Console.WriteLine($"{target.Name}: {executions} executions in {clock.Elapsed.TotalSeconds:F0} s (unguided), {findings} distinct findings");
        return findings == 0 ? 0 : 1;
    }

    private byte[] Mutate(byte[] seed, List<byte[]> corpus)
    {
        var data = new List<byte>(seed);
        var edits = 1 + _random.Next(8);
        for (var i = 0; i < edits; i++)
        {
            var at = data.Count == 0 ? 0 : _random.Next(data.Count + 1);
            switch (_random.Next(6))
            {
                case 0 when data.Count > 0:
                    data[Math.Min(at, data.Count - 1)] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1:
                    data.Insert(at, (byte)_random.Next(256));
                    break;
                case 2 when data.Count > 0:
                    data.RemoveRange(Math.Min(at, data.Count - 1), Math.Min(1 + _random.Next(8), data.Count - Math.Min(at, data.Count - 1)));
                    break;
                case 3:
                    data.InsertRange(at, System.Text.Encoding.UTF8.GetBytes(target.Dictionary[_random.Next(target.Dictionary.Count)]));
                    break;
                case 4:
                    var other = corpus[_random.Next(corpus.Count)];
                    var start = _random.Next(other.Length + 1);
                    data.InsertRange(at, other.Skip(start).Take(_random.Next(64)));
                    break;
                default:
                    data.InsertRange(at, Enumerable.Repeat((byte)_random.Next(256), _random.Next(32)));
                    break;
            }
        }

        return [.. data];
    }
}
