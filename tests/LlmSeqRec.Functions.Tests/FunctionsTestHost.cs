using LlmSeqRec.Pipeline;
using LlmSeqRec.Pipeline.Api;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Embedding;
using LlmSeqRec.Pipeline.Jobs;
using LlmSeqRec.TestSupport;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmSeqRec.Functions.Tests;

/// <summary>
/// What the Functions host would give the trigger methods, minus the host: a real <see cref="DurableTaskClient"/> over
/// the pipeline's orchestrations on the in-process Durable Task engine, a folder artifact store in a temp folder, and
/// the in-process jobs channel a test reads to play the GPU worker.
/// </summary>
internal sealed class FunctionsTestHost : IAsyncDisposable
{
    private readonly DurableTaskTestHost _host;
    private readonly TempDirectory _temp;

    private FunctionsTestHost(DurableTaskTestHost host, TempDirectory temp, IArtifactStore store, InProcessJobDispatcher jobs)
    {
        _host = host;
        _temp = temp;
        Store = store;
        Jobs = jobs;
    }

    public IArtifactStore Store { get; }

    public InProcessJobDispatcher Jobs { get; }

    public DurableTaskClient Client => _host.Client;

    public IServiceProvider Services => _host.Services;

    public static async Task<FunctionsTestHost> StartAsync()
    {
        var temp = new TempDirectory();
        var store = new FolderArtifactStore(temp["store"]);
        var jobs = new InProcessJobDispatcher();
        var host = await DurableTaskTestHost.StartAsync(
            tasks => tasks.AddPipelineTasks(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services => services.AddPipelineServices(store, temp["cache"], jobs, new EmbeddingProviderSettings(LocalThreads: 2)),
            });
        return new FunctionsTestHost(host, temp, store, jobs);
    }

    /// <summary>Waits until run <paramref name="id"/> has ended and returns it as the API shows it.</summary>
    public async Task<PipelineRunView> WaitAsync(string id, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancel.Token);
        return (await new PipelineRuns(Client, Store).GetAsync(id))!;
    }

    /// <summary>The next job the pipeline sent to the (absent) GPU worker.</summary>
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
