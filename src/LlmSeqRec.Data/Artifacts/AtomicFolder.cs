namespace LlmSeqRec.Data.Artifacts;

/// <summary>Moves a fully written temporary folder into place with renames, so readers never see half a folder.</summary>
public static class AtomicFolder
{
    /// <summary>
    /// Writes a folder atomically: <paramref name="writeFiles"/> fills a temporary sibling of
    /// <paramref name="target"/>, which then replaces the target (<see cref="Commit"/>). The temporary folder never
    /// stays behind, even when writing fails.
    /// </summary>
    public static WriteOutcome Write(string target, Action<string> writeFiles)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(writeFiles);
        var full = Path.GetFullPath(target.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = $"{full}.tmp-{Guid.NewGuid():N}";
        try
        {
            Directory.CreateDirectory(temp);
            writeFiles(temp);
            return Commit(temp, full);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>
    /// Renames <paramref name="temp"/> to <paramref name="target"/>. An existing target is first renamed aside and
    /// deleted after the swap.
    /// </summary>
    public static WriteOutcome Commit(string temp, string target)
    {
        if (!Directory.Exists(target))
        {
            try
            {
                Directory.Move(temp, target);
                return WriteOutcome.Created;
            }
            catch (IOException) when (Directory.Exists(target))
            {
                // Another writer got there first: fall through and replace it.
            }
        }

        var old = $"{target}.old-{Guid.NewGuid():N}";
        Directory.Move(target, old);
        Directory.Move(temp, target);
        Directory.Delete(old, recursive: true);
        return WriteOutcome.Replaced;
    }
}
