using LlmSeqRec.DurableHost;
using LlmSeqRec.Pipeline;
using LlmSeqRec.Pipeline.Api;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Embedding;
using LlmSeqRec.Pipeline.Jobs;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmSeqRec.TestSupport;

/// <summary>
/// The pipeline's orchestrations and activities on the in-process Durable Task engine (real replay, timers, events,
/// sub-orchestrations), with a real artifact store (a temp folder, or Azurite) and an in-process jobs channel that a
/// test reads to play the GPU worker.
/// </summary>
public sealed class PipelineTestHost : IAsyncDisposable
{
    private readonly DurableTaskTestHost _host;
    private readonly TempDirectory _temp;

    private PipelineTestHost(DurableTaskTestHost host, TempDirectory temp, IArtifactStore store, InProcessJobDispatcher jobs)
    {
        _host = host;
        _temp = temp;
        Store = store;
        Jobs = jobs;
    }

    public IArtifactStore Store { get; }

    public InProcessJobDispatcher Jobs { get; }

    public DurableTaskClient Client => _host.Client;

    public PipelineRuns Runs => new(Client, Store);

    public IServiceProvider Services => _host.Services;

    public string StoreRoot => (Store as FolderArtifactStore)?.Root ?? throw new InvalidOperationException("not a folder store");

    /// <summary>Starts the engine with the pipeline's tasks and services over <paramref name="store"/> (default: a folder store in a temp folder).</summary>
    public static async Task<PipelineTestHost> StartAsync(IArtifactStore? store = null)
    {
        var temp = new TempDirectory();
        store ??= new FolderArtifactStore(temp["store"]);
        var jobs = new InProcessJobDispatcher();
        var cache = temp[$"cache-{Guid.NewGuid():N}"];
        var host = await LoopbackPort.StartAsync((port, cancel) => DurableTaskTestHost.StartAsync(
            tasks => tasks.AddPipelineTasks(),
            new DurableTaskTestHostOptions
            {
                Port = port,
                ConfigureServices = services => services.AddPipelineServices(store, cache, jobs, new EmbeddingProviderSettings(LocalThreads: 2)),
            },
            cancel));
        return new PipelineTestHost(host, temp, store, jobs);
    }

    /// <summary>Starts a run and waits until it ends.</summary>
    public async Task<PipelineRunView> RunToEndAsync(string specJson, string? runId = null, TimeSpan? timeout = null)
    {
        var id = await Runs.StartAsync(specJson, runId);
        return await WaitAsync(id, timeout);
    }

    /// <summary>Waits until run <paramref name="id"/> ends and returns it.</summary>
    public async Task<PipelineRunView> WaitAsync(string id, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancel.Token);
        return (await Runs.GetAsync(id))!;
    }

    /// <summary>The next job the pipeline sent to the GPU worker (which the test plays).</summary>
    public async Task<WorkerJob> NextJobAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        return await Jobs.Reader.ReadAsync(cancel.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _temp.Dispose();
    }
}
