using System.Diagnostics;
using System.Text;

namespace LlmSeqRec.TestSupport;

/// <summary>
/// A built tool (<c>dotnet &lt;dll&gt; args</c>) as a child process, as users and containers run it: its output
/// captured line by line, waits on what it logs, SIGTERM (<c>docker stop</c>) and SIGKILL (<c>kill -9</c>).
/// </summary>
public sealed class ToolProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ToolProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Standard output and error so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code (once ended).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts <c>dotnet <paramref name="dll"/> <paramref name="args"/></c>; <paramref name="environment"/> sets
    /// variables (a null value removes an inherited one).
    /// </summary>
    public static ToolProcess Start(string dll, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = ProcessRun.StartInfo("dotnet", [dll, .. args], environment);
        return new ToolProcess(Process.Start(start)!);
    }

    /// <summary>
    /// Waits until the output contains <paramref name="text"/> and returns how long that took; fails with the
    /// output if the process ends first or the time runs out.
    /// </summary>
    public async Task<TimeSpan> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                Assert.Fail($"the process exited ({_process.ExitCode}) before writing '{text}':\n{Output}");
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"'{text}' not written within {timeout}:\n{Output}");
            }

            await Task.Delay(20);
        }

        return clock.Elapsed;
    }

    /// <summary>Sends SIGTERM, as <c>docker stop</c> and a scale-in do.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>kill -9: no shutdown, no cleanup.</summary>
    public async Task KillHardAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end; fails with the output after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the process did not exit within {timeout}:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
