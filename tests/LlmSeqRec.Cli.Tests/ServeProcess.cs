using System.Diagnostics;
using System.Net.Sockets;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Cli.Tests;

/// <summary>A running <c>llmseqrec serve</c> child process on a free port, on Azurite, with its own task hub and container.</summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    public const string ApiKey = "test-key";
    private static readonly string ToolPath = Path.Combine(AppContext.BaseDirectory, "llmseqrec.dll");
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private ServeProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

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

    public Uri Api(string path = "") => new($"http://127.0.0.1:{Port}/api/pipelines{path}");

    /// <summary>Starts a host and waits until it serves.</summary>
    public static async Task<ServeProcess> StartAsync(string taskHub, string container, string cache, int recoverySeconds = 10)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["LLMSEQREC_API_KEY"] = ApiKey;
        start.Environment["LLMSEQREC_STORAGE"] = Azurite.ConnectionString;
        foreach (var arg in new[] { ToolPath, "serve", "--port", $"{port}", "--task-hub", taskHub, "--container", container, "--cache", cache, "--threads", "2", "--recovery-seconds", $"{recoverySeconds}" })
        {
            start.ArgumentList.Add(arg);
        }

        var host = new ServeProcess(Process.Start(start)!, port);
        host.Http.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!host.Output.Contains("serving the pipeline API", StringComparison.Ordinal))
        {
            if (host._process.HasExited)
            {
                throw new InvalidOperationException($"serve exited with {host._process.ExitCode}:\n{host.Output}");
            }

            await Task.Delay(100, timeout.Token);
        }

        return host;
    }

    /// <summary>kill -9: no shutdown, no cleanup.</summary>
    public async Task KillHardAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillHardAsync();
        }

        Http.Dispose();
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

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
