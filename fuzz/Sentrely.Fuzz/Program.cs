using Sentrely.Fuzz;

// sentrely-fuzz afl TARGET                         under afl-fuzz (SharpFuzz instrumentation, persistent out-of-process runs)
// sentrely-fuzz random TARGET SECONDS CORPUS OUT   unguided mutations of the corpus (no coverage feedback), findings into OUT
// sentrely-fuzz replay TARGET FILE|FOLDER...       runs inputs once; exit 1 when any breaks an invariant
// sentrely-fuzz dict TARGET                        prints the target's tokens as an AFL dictionary
if (args.Length < 2 || FuzzTargets.Find(args[1]) is not { } target)
{
    Console.Error.WriteLine($"usage: sentrely-fuzz afl|random|replay TARGET ...; targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
    return 2;
}

switch (args[0])
{
    case "afl":
        SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target.Run(buffer.ToArray());
        });
        return 0;
    case "random" when args.Length == 5 && int.TryParse(args[2], out var seconds):
        return new MutationDriver(target, args[3], args[4]).Run(TimeSpan.FromSeconds(seconds));
    case "dict":
        foreach (var token in target.Dictionary)
        {
            Console.WriteLine("\"" + string.Concat(System.Text.Encoding.UTF8.GetBytes(token).Select(b => b is >= 0x20 and < 0x7F and not (byte)'"' and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:X2}")) + "\"");
        }

        return 0;
    case "replay":
        return Replay.Run(target, args.Skip(2));
    default:
        Console.Error.WriteLine("usage: sentrely-fuzz afl TARGET | random TARGET SECONDS CORPUS OUT | replay TARGET PATH... | dict TARGET");
        return 2;
}
