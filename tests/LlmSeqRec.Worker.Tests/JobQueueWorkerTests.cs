using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LlmSeqRec.Worker.Tests;

/// <summary>The GPU worker's loop on Azurite queues and blobs, with real (tiny) training.</summary>
public sealed class JobQueueWorkerTests
{
    private const string TinySasRec = """{ "maxEpochs": 2, "embeddingDim": 16, "batchSize": 256, "maxValidationSessions": 100 }""";

    [AzuriteFact]
    public async Task A_job_runs_end_to_end_and_is_answered_on_the_completions_queue()
    {
        await using var bed = await WorkerTestBed.CreateAsync();
        var job = bed.Job("sasrec", TinySasRec);
        await bed.SendAsync(job);

        var worker = await bed.StartWorkerAsync();
        var answer = await bed.NextCompletionAsync(TimeSpan.FromMinutes(3));

        Assert.Equal((job.InstanceId, job.JobId, 1), (answer.InstanceId, answer.Completion.JobId, answer.Completion.Attempt));
        var result = Assert.IsType<LlmSeqRec.Pipeline.Jobs.ModelResult>(answer.Completion.Result);
        Assert.Equal(2, result.Training.Count);
        Assert.InRange(result.Metrics["NDCG@20"], 1e-6, 1);
        Assert.Equal($"{Environment.MachineName}/{Environment.ProcessId}", result.ProducedBy);
        Assert.True(await bed.Storage.Store.ExistsAsync(ArtifactLayout.ModelResult(job.Job.ResultHash)));
        Assert.True(await bed.Storage.Store.ExistsAsync($"runs/run-1/jobs/sasrec-s7/status.json"));
        Assert.Equal(0, (await bed.Jobs.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Equal(1, worker.Handled);
    }

    [AzuriteFact]
    public async Task With_an_idle_exit_the_host_stops_by_itself_after_finishing_a_job_longer_than_the_idle_time()
    {
        await using var bed = await WorkerTestBed.CreateAsync();
        // Several seconds of training, many times the idle exit.
        await bed.SendAsync(bed.Job("sasrec", """{ "maxEpochs": 6, "patience": 6, "embeddingDim": 16, "batchSize": 64, "maxValidationSessions": 100 }"""));
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddGpuWorker(bed.Options with { CacheRoot = bed.Temp["idle-cache"], IdleExit = TimeSpan.FromSeconds(0.5) });
        using var host = builder.Build();
        var worker = host.Services.GetRequiredService<JobQueueWorker>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        // Returns only because the worker stops the host itself (or on the timeout, which the asserts catch).
        await host.RunAsync(timeout.Token);

        Assert.False(timeout.IsCancellationRequested);
        Assert.True(worker.EndedIdle);
        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Equal(1, worker.Handled);
        var answer = await bed.NextCompletionAsync(TimeSpan.FromSeconds(10));
        var result = Assert.IsType<LlmSeqRec.Pipeline.Jobs.ModelResult>(answer.Completion.Result);
        // The job ran longer than the idle exit and was not cut short.
        Assert.True(result.FitSeconds > 1, $"fit took {result.FitSeconds} s");
        Assert.Equal(6, result.Training.Count);
    }

    [AzuriteFact]
    public async Task A_duplicate_message_is_answered_without_training_twice()
    {
        await using var bed = await WorkerTestBed.CreateAsync();
        var job = bed.Job("sasrec", TinySasRec);
        await bed.SendAsync(job);
        await bed.SendAsync(job with { Attempt = 2 });

        await bed.StartWorkerAsync();
        await bed.StartWorkerAsync();
        var first = await bed.NextCompletionAsync(TimeSpan.FromMinutes(3));
        var second = await bed.NextCompletionAsync(TimeSpan.FromMinutes(1)).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null);

        // One training: either the second worker saw the job leased and dropped its message, or it found the
        // stored result and answered with it, the same result.
        Assert.NotNull(first.Completion.Result);
        if (second is not null)
        {
            Assert.Equal(first.Completion.Result!.FitSeconds, second.Completion.Result!.FitSeconds);
            Assert.Equal(first.Completion.Result.ProducedBy, second.Completion.Result.ProducedBy);
        }

        Assert.Equal(0, (await bed.Jobs.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [AzuriteFact]
    public async Task A_job_that_keeps_failing_is_reported_failed_with_its_last_error_after_the_attempts()
    {
        await using var bed = await WorkerTestBed.CreateAsync();
        var job = bed.Job("sasrec", """{ "maxEpochs": 1, "embeddingDim": 16 }""");
        // A dataset that is not in the store: every attempt fails the same way.
        job = job with { Job = job.Job with { Dataset = job.Job.Dataset with { Prefix = "datasets/missing", ContentHash = "sha256:missing" } } };
        await bed.SendAsync(job);

        var worker = await bed.StartWorkerAsync();
        var answer = await bed.NextCompletionAsync(TimeSpan.FromMinutes(2));

        Assert.Null(answer.Completion.Result);
        Assert.Contains("failed 2 attempts", answer.Completion.Error, StringComparison.Ordinal);
        Assert.Contains("datasets/missing", answer.Completion.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await bed.Jobs.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Equal(1, worker.Handled);
    }

    [AzuriteFact]
    public async Task A_cancelled_runs_job_is_dropped_unanswered()
    {
        await using var bed = await WorkerTestBed.CreateAsync();
        await LlmSeqRec.Pipeline.Jobs.RunCancellation.MarkAsync(bed.Storage.Store, "run-1", "test");
        await bed.SendAsync(bed.Job("sasrec", TinySasRec));

        await bed.StartWorkerAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await bed.Jobs.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, (await bed.Jobs.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Equal(0, (await bed.Completions.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [AzuriteFact]
    public async Task Cancelling_the_run_stops_its_running_job_at_the_next_step_without_an_answer()
    {
        await using var bed = await WorkerTestBed.CreateAsync();
        var job = bed.Job("sasrec", """{ "maxEpochs": 50, "patience": 50, "embeddingDim": 16, "batchSize": 64, "maxValidationSessions": 100 }""");
        await bed.SendAsync(job);
        var worker = await bed.StartWorkerAsync();

        // Training is under way once the worker's heartbeat shows an epoch.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!(await bed.Storage.Store.ReadVersionedAsync("runs/run-1/jobs/sasrec-s7/status.json"))?.Text.Contains("\"train\"", StringComparison.Ordinal) ?? true)
        {
            Assert.True(DateTime.UtcNow < deadline, "training did not start");
            await Task.Delay(100);
        }

        await LlmSeqRec.Pipeline.Jobs.RunCancellation.MarkAsync(bed.Storage.Store, "run-1", "test");
        var stopped = System.Diagnostics.Stopwatch.StartNew();
        while ((await bed.Jobs.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            Assert.True(stopped.Elapsed < TimeSpan.FromSeconds(60), "the job did not stop");
            await Task.Delay(100);
        }

        Assert.Equal(0, worker.Handled);
        Assert.Equal(0, (await bed.Completions.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.False(await bed.Storage.Store.ExistsAsync(ArtifactLayout.ModelResult(job.Job.ResultHash)));
    }
}
