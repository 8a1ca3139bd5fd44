using LlmSeqRec.Pipeline;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LlmSeqRec.Functions.Hosting;

/// <summary>
/// The services of the Functions app: the artifact store on the storage account's container, the jobs queue, and
/// the pipeline activities' services (<see cref="PipelineTasks.AddPipelineServices"/>) with a local cache folder
/// under the temp path. Embedding providers read the AZURE_OPENAI_* settings from the environment.
/// </summary>
public static class PipelineFunctionsServices
{
    /// <summary>Registers the app's services from <paramref name="configuration"/>.</summary>
    /// <exception cref="InvalidOperationException">The storage settings are missing or invalid.</exception>
    public static IServiceCollection AddPipelineFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var account = StorageAccount.FromConfiguration(configuration);
        var container = account.Blobs().GetBlobContainerClient(Setting(configuration, AppSettings.ArtifactContainer, BlobArtifactStore.DefaultContainer));
        var store = new BlobArtifactStore(container);
        var jobs = new QueueJobDispatcher(account.Queue(Setting(configuration, AppSettings.JobsQueue, QueueJobDispatcher.DefaultQueue)));
        var completions = account.Queue(Setting(configuration, AppSettings.CompletionsQueue, WorkerCompletionRelay.DefaultQueue));

        services.AddSingleton(account);
        services.AddSingleton<IArtifactStore>(store);
        services.AddHostedService(_ => new StorageSetup(container, jobs.Queue, completions));
        services.AddPipelineServices(store, Path.Combine(Path.GetTempPath(), "llmseqrec-functions"), jobs);
        return services;
    }

    private static string Setting(IConfiguration configuration, string name, string fallback) =>
        configuration[name] is { Length: > 0 } value ? value : fallback;
}
