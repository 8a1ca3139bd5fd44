using System.Text.RegularExpressions;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Deployment.Tests.Infrastructure;

/// <summary>Paths of the deployment files in the repository.</summary>
public static partial class InfraFiles
{
    /// <summary>infra/.</summary>
    public static string InfraDirectory => Path.Combine(TestPaths.RepositoryRoot, "infra");

    /// <summary>infra/main.bicep.</summary>
    public static string MainTemplate => Path.Combine(InfraDirectory, "main.bicep");

    /// <summary>infra/main.parameters.json.</summary>
    public static string MainParameters => Path.Combine(InfraDirectory, "main.parameters.json");

    /// <summary>azure.yaml (azd) at the repository root.</summary>
    public static string AzdProject => Path.Combine(TestPaths.RepositoryRoot, "azure.yaml");

    /// <summary>Every .bicep file under infra/, relative to the repository root.</summary>
    public static IEnumerable<string> BicepFiles() =>
        Directory.EnumerateFiles(InfraDirectory, "*.bicep", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(TestPaths.RepositoryRoot, path))
            .Order(StringComparer.Ordinal);

    /// <summary>A file of the repository by its relative path.</summary>
    public static string InRepository(string relativePath) => Path.Combine(TestPaths.RepositoryRoot, relativePath);

    /// <summary>The variables a shell script refuses to run without (<c>${NAME:?message}</c>), in order of appearance.</summary>
    public static IReadOnlyList<string> RequiredVariables(string scriptPath) =>
        [.. RequiredVariable().Matches(File.ReadAllText(scriptPath)).Select(match => match.Groups["name"].Value)];

    [GeneratedRegex(@"\$\{(?<name>[A-Z_]+):\?")]
    private static partial Regex RequiredVariable();
}
