using System.Text.RegularExpressions;

namespace LlmSeqRec.Deployment.Tests.Infrastructure;

/// <summary>
/// The setting names a host reads, taken from the <c>public const string</c> fields of its settings class
/// (functions/…/AppSettings.cs, gpu-worker/…/SettingNames.cs), so the templates are checked against the code.
/// </summary>
public static partial class SettingConstants
{
    /// <summary>The string constants of the C# file at <paramref name="relativePath"/> (repository-relative).</summary>
    public static IReadOnlySet<string> Read(string relativePath)
    {
        var text = File.ReadAllText(InfraFiles.InRepository(relativePath));
        var names = ConstantPattern().Matches(text).Select(match => match.Groups["value"].Value).ToHashSet(StringComparer.Ordinal);
        return names.Count > 0 ? names : throw new InvalidOperationException($"no string constants in {relativePath}");
    }

    [GeneratedRegex("""public\s+const\s+string\s+\w+\s*=\s*"(?<value>[^"]+)"\s*;""")]
    private static partial Regex ConstantPattern();
}
