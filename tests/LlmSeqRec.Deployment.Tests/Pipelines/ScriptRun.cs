using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Deployment.Tests.Pipelines;

/// <summary>Runs the scripts of pipelines/scripts with bash, from the repository root.</summary>
public static class ScriptRun
{
    /// <summary>Runs pipelines/scripts/<paramref name="script"/> with <paramref name="args"/> and extra environment variables.</summary>
    public static Task<ProcessRun> RunAsync(string script, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, params string[] args)
    {
        // Not inside Azure Pipelines, whatever runs the tests, unless a test says so: ##vso lines are checked explicitly.
        var variables = new Dictionary<string, string?>(environment);
        variables.TryAdd("TF_BUILD", null);
        return ProcessRun.RunAsync("bash", [Path.Combine(PipelineFiles.Directory, "scripts", script), .. args], timeout, variables, TestPaths.RepositoryRoot);
    }
}
