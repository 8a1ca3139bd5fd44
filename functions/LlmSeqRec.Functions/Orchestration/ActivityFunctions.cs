using LlmSeqRec.Pipeline.Activities;
using LlmSeqRec.Pipeline.Jobs;
using LlmSeqRec.Pipeline.Specification;
using LlmSeqRec.Reporting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace LlmSeqRec.Functions.Orchestration;

/// <summary>
/// The <c>[Function]</c> adapters of the pipeline's activities (written by hand: the Durable Task source generator
/// is not available here). Each function has its class's name (orchestrations call activities by
/// <c>nameof(class)</c>) and runs a new instance of the class, built from the app's services.
/// </summary>
public static class ActivityFunctions
{
    /// <summary><see cref="IngestSourceActivity"/>.</summary>
    [Function(nameof(IngestSourceActivity))]
    public static Task<SourceRef> IngestSource([ActivityTrigger] DatasetSpec input, string instanceId, FunctionContext function) =>
        Create<IngestSourceActivity>(function).RunAsync(Context<IngestSourceActivity>(instanceId), input);

    /// <summary><see cref="SplitDatasetActivity"/>.</summary>
    [Function(nameof(SplitDatasetActivity))]
    public static Task<DatasetRef> SplitDataset([ActivityTrigger] SplitInput input, string instanceId, FunctionContext function) =>
        Create<SplitDatasetActivity>(function).RunAsync(Context<SplitDatasetActivity>(instanceId), input);

    /// <summary><see cref="PlanEmbeddingsActivity"/>.</summary>
    [Function(nameof(PlanEmbeddingsActivity))]
    public static Task<EmbeddingPlan> PlanEmbeddings([ActivityTrigger] EmbeddingInput input, string instanceId, FunctionContext function) =>
        Create<PlanEmbeddingsActivity>(function).RunAsync(Context<PlanEmbeddingsActivity>(instanceId), input);

    /// <summary><see cref="EmbedBatchActivity"/>.</summary>
    [Function(nameof(EmbedBatchActivity))]
    public static Task<int> EmbedBatch([ActivityTrigger] EmbedBatchInput input, string instanceId, FunctionContext function) =>
        Create<EmbedBatchActivity>(function).RunAsync(Context<EmbedBatchActivity>(instanceId), input);

    /// <summary><see cref="MergeEmbeddingsActivity"/>.</summary>
    [Function(nameof(MergeEmbeddingsActivity))]
    public static Task<EmbeddingsRef> MergeEmbeddings([ActivityTrigger] MergeEmbeddingsInput input, string instanceId, FunctionContext function) =>
        Create<MergeEmbeddingsActivity>(function).RunAsync(Context<MergeEmbeddingsActivity>(instanceId), input);

    /// <summary><see cref="ResolveModelActivity"/>.</summary>
    [Function(nameof(ResolveModelActivity))]
    public static Task<ModelResolution> ResolveModel([ActivityTrigger] ModelRunInput input, string instanceId, FunctionContext function) =>
        Create<ResolveModelActivity>(function).RunAsync(Context<ResolveModelActivity>(instanceId), input);

    /// <summary><see cref="FitAndEvaluateActivity"/>.</summary>
    [Function(nameof(FitAndEvaluateActivity))]
    public static Task<ModelResult> FitAndEvaluate([ActivityTrigger] ModelJob input, string instanceId, FunctionContext function) =>
        Create<FitAndEvaluateActivity>(function).RunAsync(Context<FitAndEvaluateActivity>(instanceId), input);

    /// <summary><see cref="DispatchWorkerJobActivity"/>.</summary>
    [Function(nameof(DispatchWorkerJobActivity))]
    public static Task<string> DispatchWorkerJob([ActivityTrigger] WorkerJob input, string instanceId, FunctionContext function) =>
        Create<DispatchWorkerJobActivity>(function).RunAsync(Context<DispatchWorkerJobActivity>(instanceId), input);

    /// <summary><see cref="PromoteChampionActivity"/>.</summary>
    [Function(nameof(PromoteChampionActivity))]
    public static Task<PromotionDecision> PromoteChampion([ActivityTrigger] PromotionInput input, string instanceId, FunctionContext function) =>
        Create<PromoteChampionActivity>(function).RunAsync(Context<PromoteChampionActivity>(instanceId), input);

    /// <summary><see cref="WriteReportActivity"/>.</summary>
    [Function(nameof(WriteReportActivity))]
    public static Task<ReportRef> WriteReport([ActivityTrigger] ReportInput input, string instanceId, FunctionContext function) =>
        Create<WriteReportActivity>(function).RunAsync(Context<WriteReportActivity>(instanceId), input);

    /// <summary><see cref="RecordRunActivity"/>.</summary>
    [Function(nameof(RecordRunActivity))]
    public static Task<string> RecordRun([ActivityTrigger] RunRecord input, string instanceId, FunctionContext function) =>
        Create<RecordRunActivity>(function).RunAsync(Context<RecordRunActivity>(instanceId), input);

    private static TActivity Create<TActivity>(FunctionContext function)
        where TActivity : ITaskActivity =>
        ActivatorUtilities.GetServiceOrCreateInstance<TActivity>(function.InstanceServices);

    private static FunctionActivityContext Context<TActivity>(string instanceId) => new(typeof(TActivity).Name, instanceId);
}
