using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Deployment.Tests.Pipelines;

/// <summary>
/// A fact that runs a script of pipelines/scripts: skipped, with the reason, when a tool it needs (bash, curl, jq) is
/// not on the PATH, or when it needs Azurite (<paramref name="needsAzurite"/>) and Azurite is not running, with the
/// rules of <see cref="AzuriteFactAttribute"/> (<see cref="Azurite.SkipReason"/>): <c>LLMSEQREC_REQUIRE_AZURITE=1</c> runs the test
/// anyway, so CI fails rather than skips without the emulator.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ScriptFactAttribute : FactAttribute
{
    /// <summary>Skips when a tool is missing, or Azurite when needed.</summary>
    public ScriptFactAttribute(bool needsAzurite = false)
    {
        if (Tools.Missing(["bash", "curl", "jq"]) is { Length: > 0 } missing)
        {
            Skip = $"{string.Join(" and ", missing)} not on the PATH (the pipeline scripts need bash, curl and jq)";
        }
        else if (needsAzurite)
        {
            Skip = Azurite.SkipReason;
        }
    }
}

/// <summary>Command-line tools on the PATH.</summary>
public static class Tools
{
    /// <summary>The ones of <paramref name="names"/> that are not on the PATH.</summary>
    public static string[] Missing(IEnumerable<string> names) =>
        names.Where(name => !(Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, name)))).ToArray();
}
