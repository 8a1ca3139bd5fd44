using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Jobs;
using LlmSeqRec.TestSupport;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LlmSeqRec.Pipeline.Tests;

/// <summary>Neural models go to the GPU worker as queued jobs; here the test plays the worker on the in-process channel.</summary>
public sealed class WorkerJobTests
{
    private const string TinySasRec = """{ "name": "sasrec", "seed": 7, "config": { "maxEpochs": 2, "embeddingDim": 16, "batchSize": 256, "maxValidationSessions": 100 } }""";

    private static string Spec(double timeoutMinutes = 5, int maxAttempts = 3) => $$"""
        { "dataset": { "source": "demo" }, "models": [ { "name": "popularity" }, {{TinySasRec}} ],
          "worker": { "timeoutMinutes": {{timeoutMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, "maxAttempts": {{maxAttempts}} } }
        """;

    [Fact]
    public async Task A_neural_model_runs_as_a_worker_job_and_its_result_is_used()
    {
        await using var host = await PipelineTestHost.StartAsync();
        var id = await host.Runs.StartAsync(Spec(), "neural");

        var job = await host.NextJobAsync();
        Assert.Equal("neural", job.Job.RunId);
        Assert.Equal(1, job.Attempt);
        Assert.Equal("neural-sasrec-s7", job.InstanceId);

        // A worker's heartbeat in the store shows in the run's status.
        var heartbeat = new JobStatus(job.JobId, "gpu-1", 1, "train", 0.5, "epoch 1: loss 6.1", DateTimeOffset.UnixEpoch);
        await host.Services.GetStorage().WriteJsonAsync(JobStatus.PathOf("neural", "sasrec-s7"), heartbeat);
        var running = await host.Runs.GetAsync(id);
        Assert.Equal(heartbeat, running!.Jobs!["sasrec-s7"]);

        await CompleteAsync(host, job);
        var run = await host.WaitAsync(id);

        Assert.Equal("Completed", run.Status);
        var sasrec = run.Outcome!.Models.Single(m => m.Slug == "sasrec-s7");
        Assert.Equal(ModelState.Completed, sasrec.State);
        Assert.Equal(1, sasrec.Attempts);
        Assert.NotEmpty(sasrec.Result!.Training);
        Assert.True(await ArtifactFolders.IsCommittedAsync(host.Store, ArtifactLayout.ModelArtifact(sasrec.Result.ResultHash)));
        Assert.True(await host.Store.ExistsAsync($"{ArtifactLayout.ModelCheckpoint(sasrec.Result.ResultHash)}/checkpoint.bin"));
    }

    [Fact]
    public async Task A_lost_attempt_times_out_and_the_job_is_dispatched_again()
    {
        await using var host = await PipelineTestHost.StartAsync();
        var id = await host.Runs.StartAsync(Spec(timeoutMinutes: 0.05, maxAttempts: 10), "lost");

        // The worker that took attempt 1 dies; the job's result is made meanwhile, and the attempt current when it
        // is ready completes the job.
        var lost = await host.NextJobAsync();
        var training = host.Services.GetRequiredService<ModelJobRunner>().RunAsync(lost.Job);
        var current = await host.NextJobAsync();
        Assert.Equal((lost.JobId, 2), (current.JobId, current.Attempt));
        var result = await training;
        while (host.Jobs.Reader.TryRead(out var later))
        {
            current = later;
        }

        await host.Client.RaiseEventAsync(current.InstanceId, WorkerJobCompletion.EventName, new WorkerJobCompletion(current.JobId, current.Attempt, result, null));
        var run = await host.WaitAsync(id);

        var sasrec = run.Outcome!.Models.Single(m => m.Slug == "sasrec-s7");
        Assert.Equal(ModelState.Completed, sasrec.State);
        Assert.Equal(current.Attempt, sasrec.Attempts);
        Assert.Equal(result.ResultHash, sasrec.Result!.ResultHash);
        Assert.Equal(result.Metrics, sasrec.Result.Metrics);
    }

    [Fact]
    public async Task A_job_that_fails_every_attempt_fails_only_its_model()
    {
        await using var host = await PipelineTestHost.StartAsync();
        var id = await host.Runs.StartAsync(Spec(maxAttempts: 2), "failing");

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var job = await host.NextJobAsync();
            Assert.Equal(attempt, job.Attempt);
            await host.Client.RaiseEventAsync(job.InstanceId, WorkerJobCompletion.EventName, new WorkerJobCompletion(job.JobId, job.Attempt, null, $"CUDA out of memory ({attempt})"));
        }

        var run = await host.WaitAsync(id);

        Assert.Equal("Completed", run.Status);
        var sasrec = run.Outcome!.Models.Single(m => m.Slug == "sasrec-s7");
        Assert.Equal(ModelState.Failed, sasrec.State);
        Assert.Contains("CUDA out of memory (2)", sasrec.Error, StringComparison.Ordinal);
        Assert.Equal(ModelState.Completed, run.Outcome.Models.Single(m => m.Slug == "popularity").State);
        Assert.Equal("popularity", run.Outcome.Promotion.Candidate);
        Assert.False(host.Jobs.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Cancelling_a_run_terminates_it_and_stops_its_jobs()
    {
        await using var host = await PipelineTestHost.StartAsync();
        var id = await host.Runs.StartAsync(Spec(), "cancelled");
        var job = await host.NextJobAsync();

        Assert.True(await host.Runs.CancelAsync(id, "not needed any more"));

        var run = await host.WaitAsync(id);
        Assert.Equal("Terminated", run.Status);
        var sub = await host.Client.WaitForInstanceCompletionAsync(job.InstanceId, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, sub.RuntimeStatus);
        // The worker that holds the job stops at its next check instead of training for nothing.
        var runner = new ModelJobRunner(host.Services.GetStorage(), host.Services.GetRequiredService<DatasetCache>()) { CancellationPollInterval = TimeSpan.FromMilliseconds(50) };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(job.Job));
        Assert.False(await host.Runs.CancelAsync(id));
    }

    /// <summary>Does what a worker does: runs the job for real and raises its completion.</summary>
    private static async Task CompleteAsync(PipelineTestHost host, WorkerJob job)
    {
        var result = await host.Services.GetRequiredService<ModelJobRunner>().RunAsync(job.Job);
        await host.Client.RaiseEventAsync(job.InstanceId, WorkerJobCompletion.EventName, new WorkerJobCompletion(job.JobId, job.Attempt, result, null));
    }
}
