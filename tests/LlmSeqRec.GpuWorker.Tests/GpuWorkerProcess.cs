using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LlmSeqRec.GpuWorker.Tests;

/// <summary>
/// The built worker (llmseqrec-gpu-worker.dll next to the tests) as a child process, run as the image runs it:
/// <c>dotnet llmseqrec-gpu-worker.dll</c> with its settings in environment variables only.
/// </summary>
internal sealed class GpuWorkerProcess : IDisposable
{
    private static readonly string WorkerDll = Path.Combine(AppContext.BaseDirectory, "llmseqrec-gpu-worker.dll");
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private GpuWorkerProcess(Process process)
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

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the worker with exactly <paramref name="settings"/> among the worker's variables (inherited ones are removed).</summary>
    public static GpuWorkerProcess Start(IReadOnlyDictionary<string, string> settings, params string[] args) =>
        new(Process.Start(StartInfo(settings, args))!);

    /// <summary>Runs <c>llmseqrec-gpu-worker healthcheck</c>, the image's HEALTHCHECK, against <paramref name="port"/>.</summary>
    public static async Task<(int ExitCode, string Output)> ProbeAsync(int port)
    {
        using var process = Process.Start(StartInfo(new Dictionary<string, string> { [SettingNames.HealthPort] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) }, [HealthProbe.Command]))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>A TCP port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails with the output if the process ends first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                Assert.Fail($"the worker exited ({_process.ExitCode}) before logging '{text}':\n{Output}");
            }

            try
            {
                await Task.Delay(50, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"'{text}' not logged within {timeout}:\n{Output}");
            }
        }
    }

    /// <summary>Sends SIGTERM, as <c>docker stop</c> and a scale-in do.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
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
            Assert.Fail($"the worker did not exit within {timeout}:\n{Output}");
        }

        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> settings, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("LLMSEQREC_", StringComparison.Ordinal) || k == SettingNames.HealthPort).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(WorkerDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
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
