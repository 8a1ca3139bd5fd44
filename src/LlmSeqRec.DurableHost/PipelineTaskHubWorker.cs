using DurableTask.AzureStorage;
using DurableTask.Core;
using LlmSeqRec.Pipeline;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmSeqRec.DurableHost;

/// <summary>
/// Runs the pipeline's orchestrations and activities (<see cref="PipelineTasks"/>) on the Durable Task Framework's
/// Azure Storage backend. Everything lives in storage, so a host that dies loses nothing: its messages reappear and
/// its partitions move to the next host (or to itself after a restart), and several hosts on one task hub share the work.
/// </summary>
public sealed class PipelineTaskHubWorker(AzureStorageOrchestrationService service, IServiceProvider services, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private TaskHubWorker? _worker;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await service.CreateIfNotExistsAsync().ConfigureAwait(false);
        var shims = new TaskShims(new DurableTaskShimFactory(new DurableTaskWorkerOptions(), loggerFactory), services);
        _worker = new TaskHubWorker(service, loggerFactory) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        _worker.AddTaskOrchestrations(PipelineTasks.Orchestrators.Select(shims.Orchestration).ToArray());
        _worker.AddTaskActivities(PipelineTasks.Activities.Select(shims.Activity).ToArray());
        await _worker.StartAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_worker is not null)
        {
            await _worker.StopAsync(isForced: false).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.StopAsync(isForced: true).ConfigureAwait(false);
            _worker.Dispose();
            _worker = null;
        }
    }
}
