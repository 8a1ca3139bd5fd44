namespace LlmSeqRec.Data.Artifacts;

/// <summary>Moves a fully written temporary folder into place with renames, so readers never see half a folder.</summary>
public static class AtomicFolder
{
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
