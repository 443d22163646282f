namespace Sentrely.Arguments;

/// <summary>The kinds of file a <c>path</c> argument can meet.</summary>
internal enum FileHandleKind
{
    /// <summary>A regular file: the only kind that is read.</summary>
    Regular,

    /// <summary>A folder.</summary>
    Folder,

    /// <summary>A device, FIFO, socket or anything else.</summary>
    Other,
}
