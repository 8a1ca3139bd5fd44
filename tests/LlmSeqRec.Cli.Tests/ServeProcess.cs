using LlmSeqRec.DurableHost;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Cli.Tests;

/// <summary>A running <c>llmseqrec serve</c> child process on a free port, on Azurite, with its own task hub and container.</summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    public const string ApiKey = "test-key";
    private readonly ToolProcess _process;

    private ServeProcess(ToolProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public string Output => _process.Output;

    public Uri Api(string path = "") => new($"http://127.0.0.1:{Port}/api/pipelines{path}");

    /// <summary>Starts a host and waits until it serves.</summary>
    public static async Task<ServeProcess> StartAsync(string taskHub, string container, string cache, int recoverySeconds = 10)
    {
        var port = LoopbackPort.Free();
        var process = ToolProcess.Start(
            Path.Combine(AppContext.BaseDirectory, "llmseqrec.dll"),
            new Dictionary<string, string?> { ["LLMSEQREC_API_KEY"] = ApiKey, ["LLMSEQREC_STORAGE"] = Azurite.ConnectionString },
            "serve", "--port", $"{port}", "--task-hub", taskHub, "--container", container, "--jobs-queue", $"{container}-jobs", "--completions-queue", $"{container}-done",
            "--cache", cache, "--threads", "2", "--recovery-seconds", $"{recoverySeconds}");
        var host = new ServeProcess(process, port);
        host.Http.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
        await process.WaitForOutputAsync("serving the pipeline API", TimeSpan.FromSeconds(60));
        return host;
    }

    /// <summary>kill -9: no shutdown, no cleanup.</summary>
    public Task KillHardAsync() => _process.KillHardAsync();

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        Http.Dispose();
        return ValueTask.CompletedTask;
    }
}
