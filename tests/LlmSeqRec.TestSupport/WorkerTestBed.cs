using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using LlmSeqRec.Pipeline.Activities;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Jobs;
using LlmSeqRec.Pipeline.Specification;
using LlmSeqRec.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LlmSeqRec.TestSupport;

/// <summary>
/// A fresh Azurite container and queues with the demo dataset prepared in the store (by the pipeline's own
/// activities), and workers started on them in this process.
/// </summary>
public sealed class WorkerTestBed : IAsyncDisposable
{
    private readonly List<IHost> _workers = [];

    private WorkerTestBed(TempDirectory temp, string name, PipelineStorage storage, DatasetRef dataset)
    {
        Temp = temp;
        Name = name;
        Storage = storage;
        Dataset = dataset;
        Options = new WorkerOptions(Azurite.ConnectionString, name, $"{name}-jobs", $"{name}-done", Lease: TimeSpan.FromSeconds(6), MaxAttempts: 2, PollInterval: TimeSpan.FromMilliseconds(100));
        Jobs = new QueueClient(Azurite.ConnectionString, Options.JobsQueue);
        Completions = new QueueClient(Azurite.ConnectionString, Options.CompletionsQueue);
    }

    public TempDirectory Temp { get; }

    public string Name { get; }

    public PipelineStorage Storage { get; }

    public DatasetRef Dataset { get; }

    public WorkerOptions Options { get; }

    public QueueClient Jobs { get; }

    public QueueClient Completions { get; }

    public static async Task<WorkerTestBed> CreateAsync()
    {
        var temp = new TempDirectory();
        var name = Azurite.UniqueName("w");
        var container = new BlobContainerClient(Azurite.ConnectionString, name);
        await container.CreateIfNotExistsAsync();
        var storage = new PipelineStorage(new BlobArtifactStore(container), temp["setup-cache"]);
        var spec = new DatasetSpec("demo");
        var source = await new IngestSourceActivity(storage).RunAsync(null!, spec);
        var dataset = await new SplitDatasetActivity(storage).RunAsync(null!, new SplitInput(source, spec));
        var bed = new WorkerTestBed(temp, name, storage, dataset);
        await bed.Jobs.CreateIfNotExistsAsync();
        await bed.Completions.CreateIfNotExistsAsync();
        return bed;
    }

    /// <summary>A job for <paramref name="model"/> on the demo dataset (config as JSON), as the pipeline would send it.</summary>
    public WorkerJob Job(string model, string? config = null, int attempt = 1, int seed = 7)
    {
        var spec = new ModelSpec(model, Config: config is null ? null : JsonDocument.Parse(config).RootElement.Clone(), Seed: seed);
        var hash = ModelJobRunner.ResultHash(spec, Dataset.ContentHash, null, [10, 20]);
        return new WorkerJob($"run-1:{spec.Slug}", $"run-1-{spec.Slug}", attempt, new ModelJob("run-1", spec, hash, Dataset, null, [10, 20]));
    }

    public Task SendAsync(WorkerJob job) => Jobs.SendMessageAsync(JsonSerializer.Serialize(job, PipelineStorage.JsonOptions));

    /// <summary>Starts a worker on the bed's queues (with its own cache folder, as another machine would).</summary>
    public async Task<JobQueueWorker> StartWorkerAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddGpuWorker(Options with { CacheRoot = Temp[$"cache-{_workers.Count}"], WorkerId = $"worker-{_workers.Count}" });
        var host = builder.Build();
        await host.StartAsync();
        _workers.Add(host);
        return host.Services.GetRequiredService<JobQueueWorker>();
    }

    /// <summary>The next completion message, waiting up to <paramref name="timeout"/>.</summary>
    public async Task<WorkerCompletionMessage> NextCompletionAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var message = (await Completions.ReceiveMessageAsync(cancellationToken: cancel.Token)).Value;
            if (message is not null)
            {
                await Completions.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                return WorkerCompletionRelay.Parse(message.Body.ToString());
            }

            await Task.Delay(100, cancel.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _workers)
        {
            await host.StopAsync();
            host.Dispose();
        }

        Temp.Dispose();
    }
}
