using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using LlmSeqRec.Models;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Jobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmSeqRec.Worker;

/// <summary>
/// The GPU worker's loop. For each job message: a job whose result exists is answered at once (a duplicate never
/// trains twice); a cancelled run's job is dropped; otherwise the worker takes the job's lease (one worker per job)
/// and keeps the message hidden by extending its visibility while it trains (checkpointing every epoch in the
/// store) and evaluates, then answers on the completions queue and deletes the message. A worker that dies stops
/// extending: the message reappears after the lease and the next worker resumes from the last checkpoint. After
/// <see cref="WorkerOptions.MaxAttempts"/> deliveries the job is reported failed with its last error. On shutdown
/// the message is released at once for another worker. With <see cref="WorkerOptions.IdleExit"/> the loop ends, and
/// stops the host, once no job message has come for that long (never while a job runs).
/// </summary>
public sealed partial class JobQueueWorker(
    WorkerOptions options,
    QueueServiceClient queues,
    BlobContainerClient container,
    PipelineStorage storage,
    ModelJobRunner runner,
    IHostApplicationLifetime lifetime,
    ILogger<JobQueueWorker> logger)
    : BackgroundService
{
    private readonly QueueClient _jobs = queues.GetQueueClient(options.JobsQueue);
    private readonly QueueClient _completions = queues.GetQueueClient(options.CompletionsQueue);

    /// <summary>Jobs this worker has finished (completed or reported failed), for tests and logs.</summary>
    public int Handled { get; private set; }

    /// <summary>Whether the loop ended because it was idle for <see cref="WorkerOptions.IdleExit"/> (a normal end, not a failure).</summary>
    public bool EndedIdle { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _jobs.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        await _completions.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        await container.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        LogStarted(logger, options.Id, options.JobsQueue);
        var idleExit = options.IdleExit is { } limit && limit > TimeSpan.Zero ? limit : (TimeSpan?)null;
        var idle = Stopwatch.StartNew();
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage? message;
            try
            {
                message = (await _jobs.ReceiveMessageAsync(options.LeaseOrDefault, stoppingToken).ConfigureAwait(false)).Value;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (message is null)
            {
                if (idle.Elapsed >= idleExit)
                {
                    // Not a failure: the host stops and the process exits with 0, ending a Container Apps job execution.
                    EndedIdle = true;
                    LogIdleExit(logger, idleExit.Value.TotalSeconds, options.JobsQueue);
                    lifetime.StopApplication();
                    return;
                }

                try
                {
                    await Task.Delay(options.PollInterval ?? TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            await HandleAsync(message, stoppingToken).ConfigureAwait(false);
            // Idle time counts from the end of the last job, however long it ran.
            idle.Restart();
        }
    }

    private async Task HandleAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        WorkerJob job;
        try
        {
            job = QueueJobDispatcher.Parse(message.Body.ToString());
        }
        catch (JsonException e)
        {
            await PoisonMessages.MoveAsync(_jobs, message, e.Message, stoppingToken).ConfigureAwait(false);
            await _jobs.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken).ConfigureAwait(false);
            LogMalformed(logger, message.MessageId, e.Message);
            return;
        }

        if (await runner.FindAsync(job.Job.ResultHash, stoppingToken).ConfigureAwait(false) is { } existing)
        {
            await AnswerAsync(job, message, existing, null, stoppingToken).ConfigureAwait(false);
            return;
        }

        if (await RunCancellation.IsCancelledAsync(storage.Store, job.Job.RunId, stoppingToken).ConfigureAwait(false))
        {
            await _jobs.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken).ConfigureAwait(false);
            LogDropped(logger, job.JobId, "its run was cancelled");
            return;
        }

        var errorPath = $"{ArtifactLayout.Run(job.Job.RunId)}/jobs/{job.Job.Model.Slug}/last-error.txt";
        // Failed attempts end the job after MaxAttempts deliveries; deliveries without a recorded error (a worker
        // that died, a job deferred while another worker held it) are allowed four times as many.
        var last = await storage.Store.ReadVersionedAsync(errorPath, stoppingToken).ConfigureAwait(false);
        if ((last is not null && message.DequeueCount > options.MaxAttempts) || message.DequeueCount > options.MaxAttempts * 4)
        {
            await AnswerAsync(job, message, null, $"gave up after {message.DequeueCount - 1} deliveries; last error: {last?.Text ?? "none recorded (the workers died)"}", stoppingToken).ConfigureAwait(false);
            return;
        }

        var leaseDuration = JobLease.DurationFor(options.LeaseOrDefault);
        await using var lease = await JobLease.TryAcquireAsync(container, job.Job.ResultHash, leaseDuration, stoppingToken).ConfigureAwait(false);
        if (lease is null)
        {
            // Another worker holds the job, or held it and died: look again once its lease could have lapsed. By
            // then the job is either done (answered from its result) or free (resumed from its checkpoint).
            await _jobs.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: leaseDuration, cancellationToken: stoppingToken).ConfigureAwait(false);
            LogDeferred(logger, job.JobId, leaseDuration.TotalSeconds);
            return;
        }

        LogStarting(logger, job.JobId, job.Attempt, (int)message.DequeueCount);
        await using var visibility = new MessageVisibility(_jobs, message, options.LeaseOrDefault);
        try
        {
            var progress = new JobProgress(storage, job, options.Id, message.DequeueCount, logger);
            var result = await runner.RunAsync(job.Job, progress, stoppingToken).ConfigureAwait(false);
            await visibility.StopAsync().ConfigureAwait(false);
            await AnswerAsync(job, visibility.Current, result, null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: hand the job to the next worker now; it resumes from the last checkpoint.
            await visibility.StopAsync().ConfigureAwait(false);
            await _jobs.UpdateMessageAsync(visibility.Current.MessageId, visibility.Current.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            LogReleased(logger, job.JobId);
        }
        catch (OperationCanceledException)
        {
            await visibility.StopAsync().ConfigureAwait(false);
            await _jobs.DeleteMessageAsync(visibility.Current.MessageId, visibility.Current.PopReceipt, CancellationToken.None).ConfigureAwait(false);
            LogDropped(logger, job.JobId, "its run was cancelled while it ran");
        }
#pragma warning disable CA1031 // Any failure of a job is recorded and retried or reported; the loop goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await visibility.StopAsync().ConfigureAwait(false);
            var error = $"{e.GetType().Name}: {e.Message}";
            await storage.Store.WriteAsync(errorPath, new MemoryStream(Encoding.UTF8.GetBytes(error)), CancellationToken.None).ConfigureAwait(false);
            LogFailed(logger, job.JobId, (int)message.DequeueCount, error);
            if (message.DequeueCount >= options.MaxAttempts)
            {
                await AnswerAsync(job, visibility.Current, null, $"failed {options.MaxAttempts} attempts; last error: {error}", CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await _jobs.UpdateMessageAsync(visibility.Current.MessageId, visibility.Current.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(5), cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends the completion, then deletes the job message (in this order: a crash between them only repeats an answer).</summary>
    private async Task AnswerAsync(WorkerJob job, QueueMessage message, ModelResult? result, string? error, CancellationToken cancellationToken)
    {
        var completion = new WorkerJobCompletion(job.JobId, job.Attempt, result, error);
        await _completions.SendMessageAsync(WorkerCompletionRelay.Serialize(new WorkerCompletionMessage(job.InstanceId, completion)), cancellationToken).ConfigureAwait(false);
        await _jobs.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        Handled++;
        LogAnswered(logger, job.JobId, result is null ? $"failed: {error}" : "completed");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "worker {Worker} takes jobs from {Queue}")]
    private static partial void LogStarted(ILogger logger, string worker, string queue);

    [LoggerMessage(Level = LogLevel.Information, Message = "no job for {Seconds} s on {Queue} and none running: the worker stops (idle exit)")]
    private static partial void LogIdleExit(ILogger logger, double seconds, string queue);

    [LoggerMessage(Level = LogLevel.Information, Message = "job {JobId} attempt {Attempt}, delivery {Delivery}: starting")]
    private static partial void LogStarting(ILogger logger, string jobId, int attempt, int delivery);

    [LoggerMessage(Level = LogLevel.Information, Message = "job {JobId}: {Outcome}")]
    private static partial void LogAnswered(ILogger logger, string jobId, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "job {JobId} dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "job {JobId} is held by another worker: looking again in {Seconds} s")]
    private static partial void LogDeferred(ILogger logger, string jobId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {JobId} delivery {Delivery} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string jobId, int delivery, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "job {JobId} released for another worker (shutting down)")]
    private static partial void LogReleased(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "malformed job message {MessageId} moved to the poison queue: {Error}")]
    private static partial void LogMalformed(ILogger logger, string messageId, string error);
}
