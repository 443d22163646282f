using Sentrely.Fuzz;
using Sentrely.TestUtilities;

namespace Sentrely.Core.Tests.Fuzz;

/// <summary>Replays the committed fuzz corpus (seeds, inputs the fuzzer found, fixed crashes) against each target's invariants.</summary>
public sealed class FuzzCorpusTests
{
    [Theory]
    [InlineData("config")]
    [InlineData("arguments")]
    [InlineData("glob")]
    public void FuzzTarget_CommittedCorpus_HoldsEveryInvariant(string name)
    {
        // Arrange
        var target = FuzzTargets.Find(name)!;
        var files = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "fuzz", "corpus", name)).Order(StringComparer.Ordinal).ToList();
        var failures = new List<string>();

        // Act
        foreach (var file in files)
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                failures.Add($"{Path.GetFileName(file)}: {e.GetType().Name}: {e.Message}");
            }
        }

        // Assert
        Assert.NotEmpty(files);
        Assert.Empty(failures);
    }
}
