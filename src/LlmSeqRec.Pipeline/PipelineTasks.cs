using LlmSeqRec.Pipeline.Activities;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Embedding;
using LlmSeqRec.Pipeline.Jobs;
using LlmSeqRec.Pipeline.Orchestration;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace LlmSeqRec.Pipeline;

/// <summary>
/// The one registration list of the pipeline's orchestrators and activities, used by every host (Azure Functions,
/// the local durable host, the in-process engine of <c>llmseqrec run</c> and the tests), and the services the
/// activities need.
/// </summary>
public static class PipelineTasks
{
    /// <summary>The orchestrator classes (registered under their class names).</summary>
    public static IReadOnlyList<Type> Orchestrators { get; } = [typeof(TrainingPipeline), typeof(ModelRunOrchestration)];

    /// <summary>The activity classes (registered under their class names, which the orchestrators call by <c>nameof</c>).</summary>
    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(IngestSourceActivity),
        typeof(SplitDatasetActivity),
        typeof(PlanEmbeddingsActivity),
        typeof(EmbedBatchActivity),
        typeof(MergeEmbeddingsActivity),
        typeof(ResolveModelActivity),
        typeof(FitAndEvaluateActivity),
        typeof(DispatchWorkerJobActivity),
        typeof(PromoteChampionActivity),
        typeof(WriteReportActivity),
        typeof(RecordRunActivity),
    ];

    /// <summary>Registers every orchestrator and activity of the pipeline.</summary>
    public static DurableTaskRegistry AddPipelineTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var type in Orchestrators)
        {
            registry.AddOrchestrator(type.Name, type);
        }

        foreach (var type in Activities)
        {
            registry.AddActivity(type.Name, type);
        }

        return registry;
    }

    /// <summary>
    /// The services of the activities: the artifact store with a local cache folder, the dataset cache, the
    /// embedding providers, the model-job runner and the jobs queue.
    /// </summary>
    public static IServiceCollection AddPipelineServices(
        this IServiceCollection services, IArtifactStore store, string cacheRoot, IJobDispatcher jobs, EmbeddingProviderSettings? embedding = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new PipelineStorage(store, cacheRoot));
        services.AddSingleton<DatasetCache>();
        services.AddSingleton(new EmbeddingProviders(embedding ?? EmbeddingProviderSettings.FromEnvironment()));
        services.AddSingleton<ModelJobRunner>();
        services.AddSingleton(jobs);
        return services;
    }
}
