using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Sentrely.Arguments.Tests;

public sealed class PathArgumentReaderRaceTests : PathArgumentReaderTestBase
{
    private const int AtFdCwd = -100;
    private const uint RenameExchangeFlag = 2;

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
        // renameat2(RENAME_EXCHANGE) trades the folder and the link atomically, so "swap" is always one or the other:
        // against the old check-then-open-by-name code this leaked the outside file within 2 s.
        var (swap, evil) = (Tree.Combine("root/swap"), Tree.Combine("root/evil"));
        while (!token.IsCancellationRequested)
        {
            Assert.Equal(0, RenameExchange(AtFdCwd, swap, AtFdCwd, evil, RenameExchangeFlag));
        }
    }

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameExchange(int oldFolder, string oldPath, int newFolder, string newPath, uint flags);
}
