using System.Reflection;

namespace LlmSeqRec.Pipeline.Jobs;

/// <summary>The version of the code that runs (the assembly's informational version, with the commit when the build knows it).</summary>
public static class CodeVersion
{
    /// <summary>The version string, recorded in results and run manifests (part of the model result hash).</summary>
    public static string Current { get; } =
        typeof(CodeVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CodeVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
