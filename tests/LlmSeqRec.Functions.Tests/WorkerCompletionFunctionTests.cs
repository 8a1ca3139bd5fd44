using LlmSeqRec.Functions.Triggers;
using LlmSeqRec.Pipeline.Api;
using LlmSeqRec.Pipeline.Jobs;
using LlmSeqRec.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmSeqRec.Functions.Tests;

/// <summary>The completions-queue trigger: a worker's message becomes the event its model run waits for.</summary>
public sealed class WorkerCompletionFunctionTests
{
    private const string TinySasRecSpec = """
        { "dataset": { "source": "demo" },
          "models": [ { "name": "sasrec", "seed": 7, "config": { "maxEpochs": 1, "embeddingDim": 16, "batchSize": 256, "maxValidationSessions": 100 } } ] }
        """;

    [Fact]
    public async Task A_completion_message_completes_the_waiting_model_run_and_the_pipeline()
    {
        await using var host = await PipelineTestHost.StartAsync();
        var logger = new RecordingLogger<WorkerCompletionFunction>();
        var id = await new PipelineRuns(host.Client, host.Store).StartAsync(TinySasRecSpec, "relayed");

        // Play the GPU worker: take the job, run it, post the completion message.
        var job = await host.NextJobAsync();
        var result = await host.Services.GetRequiredService<ModelJobRunner>().RunAsync(job.Job);
        var message = WorkerCompletionRelay.Serialize(new WorkerCompletionMessage(job.InstanceId, new WorkerJobCompletion(job.JobId, job.Attempt, result, null)));
        await new WorkerCompletionFunction(logger).RunAsync(message, host.Client, CancellationToken.None);
        var run = await host.WaitAsync(id);

        Assert.Equal("Completed", run.Status);
        var sasrec = Assert.Single(run.Outcome!.Models);
        Assert.Equal(ModelState.Completed, sasrec.State);
        Assert.Equal(result.ResultHash, sasrec.Result!.ResultHash);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains(job.InstanceId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_completion_for_a_run_that_does_not_exist_is_dropped_with_a_warning()
    {
        await using var host = await PipelineTestHost.StartAsync();
        var logger = new RecordingLogger<WorkerCompletionFunction>();
        var message = WorkerCompletionRelay.Serialize(new WorkerCompletionMessage("gone-sasrec-s7", new WorkerJobCompletion("gone:sasrec-s7", 1, null, "late")));

        await new WorkerCompletionFunction(logger).RunAsync(message, host.Client, CancellationToken.None);

        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("gone-sasrec-s7", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("""{"instanceId":"run-sasrec-s7"}""")]
    [InlineData("""{"instanceId":"","completion":{"jobId":"run:sasrec-s7","attempt":1}}""")]
    public async Task A_malformed_message_throws_so_that_it_ends_in_the_poison_queue(string message)
    {
        await using var host = await PipelineTestHost.StartAsync();

        var error = await Assert.ThrowsAsync<FormatException>(() =>
            new WorkerCompletionFunction(new RecordingLogger<WorkerCompletionFunction>()).RunAsync(message, host.Client, CancellationToken.None));

        Assert.StartsWith("malformed worker completion message", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
