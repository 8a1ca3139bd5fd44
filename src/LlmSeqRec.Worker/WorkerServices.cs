using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace LlmSeqRec.Worker;

/// <summary>The services of a GPU worker host (the gpu-worker container and <c>llmseqrec worker</c>).</summary>
public static class WorkerServices
{
    /// <summary>Registers the job loop and what it needs: queues, the artifact container, the dataset cache and the model-job runner.</summary>
    public static IServiceCollection AddGpuWorker(this IServiceCollection services, WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var container = new BlobContainerClient(options.Storage, options.Container);
        var cache = options.CacheRoot ?? Path.Combine(Path.GetTempPath(), "llmseqrec-worker");
        services.AddSingleton(options);
        services.AddSingleton(new QueueServiceClient(options.Storage, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }));
        services.AddSingleton(container);
        services.AddSingleton(new PipelineStorage(new BlobArtifactStore(container), cache));
        services.AddSingleton<DatasetCache>();
        services.AddSingleton<ModelJobRunner>();
        services.AddSingleton<JobQueueWorker>();
        services.AddHostedService(s => s.GetRequiredService<JobQueueWorker>());
        return services;
    }
}
