using LlmSeqRec.Pipeline.Activities;
using LlmSeqRec.Pipeline.Jobs;
using LlmSeqRec.Pipeline.Orchestration;
using LlmSeqRec.Pipeline.Specification;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace LlmSeqRec.Functions.Orchestration;

/// <summary>
/// The <c>[Function]</c> adapters of the pipeline's orchestrators (written by hand: the Durable Task source generator
/// is not available here). Each function has its class's name, which is what starters and sub-orchestration calls use.
/// </summary>
public static class OrchestratorFunctions
{
    /// <summary><see cref="TrainingPipeline"/>.</summary>
    [Function(nameof(TrainingPipeline))]
    public static Task<PipelineOutcome> RunTrainingPipeline([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new TrainingPipeline().RunAsync(context, Input<PipelineSpec>(context));

    /// <summary><see cref="ModelRunOrchestration"/>.</summary>
    [Function(nameof(ModelRunOrchestration))]
    public static Task<ModelOutcome> RunModelRunOrchestration([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ModelRunOrchestration().RunAsync(context, Input<ModelRunInput>(context));

    private static T Input<T>(TaskOrchestrationContext context) =>
        context.GetInput<T>() ?? throw new ArgumentException($"orchestration {context.Name} ({context.InstanceId}) has no {typeof(T).Name} input");
}
