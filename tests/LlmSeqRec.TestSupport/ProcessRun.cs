using System.Diagnostics;

namespace LlmSeqRec.TestSupport;

/// <summary>
/// A child process run to its end (a CLI, a script, a browser): its exit code and what it printed on standard
/// output and standard error. <see cref="ToolProcess"/> is the long-running counterpart.
/// </summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
public sealed record ProcessRun(int ExitCode, string Output, string Error)
{
    /// <summary>The last non-empty line of standard output.</summary>
    public string LastLine => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";

    /// <summary>Both streams together, trimmed.</summary>
    public string Printed => (Output + Error).Trim();

    /// <summary>Both streams, labelled, for failure messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";

    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/> and waits for its end. After
    /// <paramref name="timeout"/> the process tree is killed and a <see cref="TimeoutException"/> carries what it printed.
    /// No continuation needs the caller's synchronisation context, so a synchronous caller may block on it.
    /// </summary>
    /// <param name="fileName">The executable (looked up on PATH).</param>
    /// <param name="arguments">Its arguments, each passed as one argument.</param>
    /// <param name="timeout">How long it may take.</param>
    /// <param name="environment">Variables to set; a null value removes an inherited one.</param>
    /// <param name="workingDirectory">Its working directory (this process's when null).</param>
    public static async Task<ProcessRun> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var start = StartInfo(fileName, arguments, environment);
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
            throw new TimeoutException($"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} did not end within {timeout}:\n--- stdout\n{await output.ConfigureAwait(false)}\n--- stderr\n{await error.ConfigureAwait(false)}");
        }

        return new ProcessRun(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    /// <summary>Start settings with both streams redirected and <paramref name="environment"/> applied.</summary>
    internal static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
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

        return start;
    }
}
