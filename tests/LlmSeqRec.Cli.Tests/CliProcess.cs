using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Cli.Tests;

/// <summary>Runs the real llmseqrec tool (the built llmseqrec.dll next to the tests) as a child process.</summary>
internal static class CliProcess
{
    private static readonly string ToolPath = Path.Combine(AppContext.BaseDirectory, "llmseqrec.dll");

    public static Task<ProcessRun> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string?>(), args);

    /// <summary>Runs the tool with extra environment variables.</summary>
    public static Task<ProcessRun> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        ProcessRun.RunAsync("dotnet", [ToolPath, .. args], TimeSpan.FromMinutes(2), environment);
}
