namespace LlmSeqRec.TestSupport;

/// <summary>
/// Where tests find the shared data. The setting <c>LLMSEQREC_SHARED_DIR</c> (environment) wins; otherwise the
/// folder <c>shared</c> next to the repository root (the layout of a checkout and of CI).
/// </summary>
public static class TestPaths
{
    /// <summary>The environment variable that points at the shared folder.</summary>
    public const string SharedDirVariable = "LLMSEQREC_SHARED_DIR";

    /// <summary>The repository root (the folder holding LlmSeqRec.Mlops.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The shared folder (may not exist).</summary>
    public static string SharedDirectory { get; } =
        Environment.GetEnvironmentVariable(SharedDirVariable) is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    /// <summary>A path under the shared folder.</summary>
    public static string Shared(params string[] parts) => Path.Combine([SharedDirectory, .. parts]);

    /// <summary>The Amazon Beauty dataset folder.</summary>
    public static string Beauty => Shared("data", "amazon-beauty");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LlmSeqRec.Mlops.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"LlmSeqRec.Mlops.sln not found above {AppContext.BaseDirectory}");
    }
}
