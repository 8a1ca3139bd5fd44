using System.Diagnostics;

namespace LlmSeqRec.Deployment.Tests.Pipelines;

/// <summary>One run of a script of pipelines/scripts: exit code, standard output and standard error.</summary>
public sealed record ScriptRun(int ExitCode, string Output, string Error)
{
    /// <summary>Both streams, for failure messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";

    /// <summary>Runs pipelines/scripts/<paramref name="script"/> with <paramref name="args"/> and extra environment variables.</summary>
    public static async Task<ScriptRun> RunAsync(string script, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = LlmSeqRec.TestSupport.TestPaths.RepositoryRoot,
        };
        start.ArgumentList.Add(Path.Combine(PipelineFiles.Directory, "scripts", script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Not inside Azure Pipelines, whatever runs the tests: the script's ##vso lines are checked explicitly.
        start.Environment.Remove("TF_BUILD");
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{script} did not end within {timeout}:\n{await output}\n{await error}");
        }

        return new ScriptRun(process.ExitCode, await output, await error);
    }
}
