using Azure.Core;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace LlmSeqRec.Worker;

/// <summary>The services of a GPU worker host (the gpu-worker container and <c>llmseqrec worker</c>).</summary>
public static class WorkerServices
{
    /// <summary>Registers the job loop and what it needs: queues, the artifact container, the dataset cache and the model-job runner.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="options">The worker's settings; the storage account is reached as <see cref="WorkerStorageAccount.For"/> says.</param>
    /// <param name="credential">The credential used with service URIs; <see cref="Azure.Identity.DefaultAzureCredential"/> when null.</param>
    public static IServiceCollection AddGpuWorker(this IServiceCollection services, WorkerOptions options, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var account = WorkerStorageAccount.For(options, credential);
        var container = account.Container(options.Container);
        var cache = options.CacheRoot ?? Path.Combine(Path.GetTempPath(), "llmseqrec-worker");
        services.AddSingleton(options);
        services.AddSingleton(account);
        services.AddSingleton(account.Queues());
        services.AddSingleton(container);
        services.AddSingleton(new PipelineStorage(new BlobArtifactStore(container), cache));
        services.AddSingleton<DatasetCache>();
        services.AddSingleton<ModelJobRunner>();
        services.AddSingleton<JobQueueWorker>();
        services.AddHostedService(s => s.GetRequiredService<JobQueueWorker>());
        return services;
    }
}
