using LlmSeqRec.Pipeline.Jobs;
using Microsoft.DurableTask;

namespace LlmSeqRec.Pipeline.Activities;

/// <summary>
/// Stage "models" for CPU models (popularity, the kNN family, LLMSeqSim): fit, score and store the result in the
/// activity itself. Idempotent: a result stored by an earlier delivery is returned as it is.
/// </summary>
public sealed class FitAndEvaluateActivity(ModelJobRunner runner) : TaskActivity<ModelJob, ModelResult>
{
    /// <inheritdoc />
    public override Task<ModelResult> RunAsync(TaskActivityContext context, ModelJob input) => runner.RunAsync(input);
}
