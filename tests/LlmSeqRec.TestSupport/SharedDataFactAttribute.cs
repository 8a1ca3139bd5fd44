namespace LlmSeqRec.TestSupport;

/// <summary>A fact that needs files under the shared folder; it is reported as skipped, with the reason, when they are absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    /// <param name="relativePaths">Paths under the shared folder that must exist.</param>
    public SharedDataFactAttribute(params string[] relativePaths)
    {
        var missing = relativePaths.Select(p => TestPaths.Shared(p)).FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p));
        if (missing is not null)
        {
            Skip = $"shared data not found: {missing} (set {TestPaths.SharedDirVariable} to the shared folder)";
        }
    }
}
