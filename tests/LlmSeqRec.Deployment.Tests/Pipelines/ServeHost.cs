using LlmSeqRec.DurableHost;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Deployment.Tests.Pipelines;

/// <summary>
/// <c>llmseqrec serve</c> (the local durable host: the pipeline HTTP API of the Functions app on the Durable Task
/// Azure Storage backend) as a child process on Azurite with its own task hub and container, started on first use
/// and shared by the tests of a class.
/// </summary>
public sealed class ServeHost : IAsyncLifetime, IDisposable
{
    /// <summary>The API key the host requires (header x-functions-key), as a function key would be.</summary>
    public const string ApiKey = "pipeline-test-key";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TempDirectory _directory = new();
    private ToolProcess? _process;
    private bool _disposed;

    /// <summary>The base URL (scheme, host and port) of the running host.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>An HTTP client that sends the key.</summary>
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The host's output so far.</summary>
    public string Output => _process?.Output ?? "";

    /// <summary>Starts the host unless it runs; returns its base URL.</summary>
    public async Task<string> StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_process is null)
            {
                var hub = Azurite.UniqueName("pipe");
                var port = LoopbackPort.Free();
                _process = ToolProcess.Start(
                    Path.Combine(AppContext.BaseDirectory, "llmseqrec.dll"),
                    new Dictionary<string, string?> { ["LLMSEQREC_API_KEY"] = ApiKey, ["LLMSEQREC_STORAGE"] = Azurite.ConnectionString },
                    "serve", "--port", $"{port}", "--task-hub", hub, "--container", hub, "--jobs-queue", $"{hub}-jobs", "--completions-queue", $"{hub}-done",
                    "--cache", _directory["cache"], "--threads", "2", "--recovery-seconds", "10");
                BaseUrl = $"http://127.0.0.1:{port}";
                Http.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
                await _process.WaitForOutputAsync("serving the pipeline API", TimeSpan.FromSeconds(60));
            }

            return BaseUrl;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Nothing: the host starts on first use, so a class whose tests are all skipped starts nothing.</summary>
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Stops the host and removes its cache.</summary>
    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Stops the host and removes its cache.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _process?.Dispose();
        _process = null;
        Http.Dispose();
        _directory.Dispose();
        _gate.Dispose();
    }
}
