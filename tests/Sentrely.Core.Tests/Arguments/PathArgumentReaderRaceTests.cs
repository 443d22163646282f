using System.Diagnostics;

namespace Sentrely.Arguments.Tests;

public sealed class PathArgumentReaderRaceTests : PathArgumentReaderTestBase
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadAsync_FolderSwappedForLinkWhileReading_NeverReturnsOutsideBytes(bool walk)
    {
        // Arrange: root/swap flips between a real folder holding "inside" and a link to a folder holding "SECRET".
        Tree.File("root/swap/file.txt", content: "inside");
        Tree.File("outside/file.txt", content: "SECRET");
        Directory.CreateSymbolicLink(Tree.Combine("root/evil"), Tree.Combine("outside"));
        using var stop = new CancellationTokenSource();
        var swapper = Task.Factory.StartNew(() => Swap(stop.Token), TaskCreationOptions.LongRunning);
        var (accepted, refused) = (0, 0);

        // Act: read in a loop, bounded in time and count.
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 2000 && clock.Elapsed < TimeSpan.FromSeconds(2); i++)
        {
            var (content, _) = walk ? await ReadByWalk("swap/file.txt") : await Read("swap/file.txt");

            // Assert: every read is either the inside file or a refusal, never the outside file.
            Assert.NotEqual("SECRET", Text(content));
            _ = content is null ? refused++ : accepted++;
        }

        await stop.CancelAsync();
        await swapper;

        // Assert: the swap really raced the reads (both outcomes were seen).
        Assert.True(accepted > 0 && refused > 0, $"accepted {accepted}, refused {refused}");
    }

    private void Swap(CancellationToken token)
    {
        var (swap, stash, evil) = (Tree.Combine("root/swap"), Tree.Combine("root/stash"), Tree.Combine("root/evil"));
        while (!token.IsCancellationRequested)
        {
            // rename(2) under the hood: the folder and the link trade places under the name "swap".
            Directory.Move(swap, stash);
            Directory.Move(evil, swap);
            Directory.Move(swap, evil);
            Directory.Move(stash, swap);
        }
    }
}
