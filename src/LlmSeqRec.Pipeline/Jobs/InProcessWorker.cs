using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;

namespace LlmSeqRec.Pipeline.Jobs;

/// <summary>
/// The GPU worker's job loop inside the host process, for runs on one machine (<c>llmseqrec run</c>): takes the
/// jobs of an <see cref="InProcessJobDispatcher"/> one at a time, runs them with the <see cref="ModelJobRunner"/>
/// (on the CPU here; CUDA when the build and the model's device setting ask for it) and raises each completion
/// on the orchestration that waits for it.
/// </summary>
public sealed class InProcessWorker(InProcessJobDispatcher jobs, ModelJobRunner runner, DurableTaskClient client) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in jobs.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            WorkerJobCompletion completion;
            try
            {
                var result = await runner.RunAsync(job.Job, cancellationToken: stoppingToken).ConfigureAwait(false);
                completion = new WorkerJobCompletion(job.JobId, job.Attempt, result, null);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                // The run was cancelled: nobody waits for this job any more.
                continue;
            }
#pragma warning disable CA1031 // A failed job is reported to its orchestration, which decides; the loop goes on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                completion = new WorkerJobCompletion(job.JobId, job.Attempt, null, $"{e.GetType().Name}: {e.Message}");
            }

            await WorkerCompletionRelay.RelayAsync(client, new WorkerCompletionMessage(job.InstanceId, completion), stoppingToken).ConfigureAwait(false);
        }
    }
}
