using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using LlmSeqRec.Pipeline.Activities;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Jobs;
using LlmSeqRec.Pipeline.Specification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmSeqRec.Worker;

/// <summary>One timed job: wall time from enqueue to answer, and the job's own fit + evaluation time.</summary>
public sealed record WorkerJobTiming(double WallSeconds, double WorkSeconds);

/// <summary>
/// Measures the worker's overhead per job on a storage account (Azurite locally): the demo dataset is prepared
/// in a fresh container, then jobs for a tiny SASRec (2 epochs, different seeds) go one by one through the jobs
/// queue to a worker in this process and back on the completions queue. The container and queues are deleted after.
/// </summary>
public static class WorkerOverhead
{
    /// <summary>Runs <paramref name="jobs"/> jobs and times each.</summary>
    public static async Task<IReadOnlyList<WorkerJobTiming>> MeasureAsync(string connectionString, int jobs, CancellationToken cancellationToken = default)
    {
        var name = $"bench{DateTime.UtcNow:yyyyMMddHHmmss}";
        var options = new WorkerOptions(connectionString, name, $"{name}-jobs", $"{name}-done", Path.Combine(Path.GetTempPath(), name), PollInterval: TimeSpan.FromMilliseconds(100));
        var container = new BlobContainerClient(connectionString, name);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var queue = new QueueClient(connectionString, options.JobsQueue);
        var answers = new QueueClient(connectionString, options.CompletionsQueue);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await answers.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGpuWorker(options);
        using var host = builder.Build();
        try
        {
            var storage = new PipelineStorage(new BlobArtifactStore(container), Path.Combine(Path.GetTempPath(), name, "setup"));
            var spec = new DatasetSpec("demo");
            var source = await new IngestSourceActivity(storage).RunAsync(null!, spec).ConfigureAwait(false);
            var dataset = await new SplitDatasetActivity(storage).RunAsync(null!, new SplitInput(source, spec)).ConfigureAwait(false);
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            var timings = new List<WorkerJobTiming>();
            for (var i = 0; i < jobs; i++)
            {
                var model = new ModelSpec("sasrec", Config: JsonDocument.Parse("""{ "maxEpochs": 2, "embeddingDim": 16, "batchSize": 256, "maxValidationSessions": 100 }""").RootElement, Seed: 100 + i);
                var hash = ModelJobRunner.ResultHash(model, dataset.ContentHash, null, [10, 20]);
                var job = new WorkerJob($"bench:{model.Slug}", $"bench-{model.Slug}", 1, new ModelJob("bench", model, hash, dataset, null, [10, 20]));
                var clock = Stopwatch.StartNew();
                await queue.SendMessageAsync(JsonSerializer.Serialize(job, PipelineStorage.JsonOptions), cancellationToken).ConfigureAwait(false);
                var answer = await NextAnswerAsync(answers, cancellationToken).ConfigureAwait(false);
                var wall = clock.Elapsed.TotalSeconds;
                var result = answer.Completion.Result ?? throw new InvalidOperationException($"bench job failed: {answer.Completion.Error}");
                timings.Add(new WorkerJobTiming(wall, result.FitSeconds + result.EvaluateSeconds));
            }

            return timings;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await queue.DeleteIfExistsAsync(CancellationToken.None).ConfigureAwait(false);
            await answers.DeleteIfExistsAsync(CancellationToken.None).ConfigureAwait(false);
            await container.DeleteIfExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<WorkerCompletionMessage> NextAnswerAsync(QueueClient answers, CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = (await answers.ReceiveMessageAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            if (message is not null)
            {
                await answers.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                return WorkerCompletionRelay.Parse(message.Body.ToString());
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }
}
