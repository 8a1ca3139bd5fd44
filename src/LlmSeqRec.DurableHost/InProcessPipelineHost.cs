using LlmSeqRec.Pipeline;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Embedding;
using LlmSeqRec.Pipeline.Jobs;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmSeqRec.DurableHost;

/// <summary>
/// The pipeline on one machine with nothing to start (<c>llmseqrec run</c>): the same orchestrations and activities
/// on the Durable Task engine with in-memory state, artifacts in a local folder with the blob layout, and neural
/// jobs on an <see cref="InProcessWorker"/>. State ends with the process; the artifacts stay, so a second run over
/// the same inputs reuses them.
/// </summary>
public sealed class InProcessPipelineHost : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessPipelineHost(IHost host, FolderArtifactStore store)
    {
        _host = host;
        Store = store;
    }

    /// <summary>The artifact store (a folder).</summary>
    public FolderArtifactStore Store { get; }

    /// <summary>The client of the in-memory engine.</summary>
    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Starts the engine, the activities' services and the worker over the store at <paramref name="storeRoot"/>.</summary>
    public static async Task<InProcessPipelineHost> StartAsync(string storeRoot, string cacheRoot, int? localThreads = null, CancellationToken cancellationToken = default)
    {
        var store = new FolderArtifactStore(storeRoot);
        var settings = EmbeddingProviderSettings.FromEnvironment(localThreads);
        var host = await LoopbackPort.StartAsync((port, cancel) => StartHostAsync(store, cacheRoot, settings, port, cancel), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new InProcessPipelineHost(host, store);
    }

    private static async Task<IHost> StartHostAsync(FolderArtifactStore store, string cacheRoot, EmbeddingProviderSettings settings, int enginePort, CancellationToken cancellationToken)
    {
        var jobs = new InProcessJobDispatcher();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddPipelineServices(store, cacheRoot, jobs, settings);
        builder.Services.AddSingleton(jobs);
        builder.Services.AddInMemoryDurableTask(tasks => tasks.AddPipelineTasks(), new InMemoryDurableTaskOptions { Port = enginePort });
        builder.Services.AddHostedService<InProcessWorker>();
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
    }
}
