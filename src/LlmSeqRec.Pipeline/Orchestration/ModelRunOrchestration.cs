using LlmSeqRec.Models;
using LlmSeqRec.Pipeline.Activities;
using LlmSeqRec.Pipeline.Jobs;
using LlmSeqRec.Pipeline.Specification;
using Microsoft.DurableTask;

namespace LlmSeqRec.Pipeline.Orchestration;

/// <summary>
/// One model of a run: reuse a stored result for the same inputs, else fit and evaluate — CPU models in an
/// activity, neural models as a GPU-worker job whose completion event is awaited with a timeout, dispatching a new
/// attempt after a timeout or a failure, up to the policy's limit. Never throws for a model's failure: the
/// outcome says what happened, so one model cannot sink the run.
/// </summary>
public sealed class ModelRunOrchestration : TaskOrchestrator<ModelRunInput, ModelOutcome>
{
    /// <inheritdoc />
    public override async Task<ModelOutcome> RunAsync(TaskOrchestrationContext context, ModelRunInput input)
    {
        var slug = input.Model.Slug;
        if (PlannedModels.ReasonFor(input.Model.Name) is { } reason)
        {
            return new ModelOutcome(slug, ModelState.NotAvailable, null, reason, 0);
        }

        var resolution = await context.CallActivityAsync<ModelResolution>(nameof(ResolveModelActivity), input, PipelineRetries.Activities);
        if (resolution.Existing is { } existing)
        {
            return new ModelOutcome(slug, ModelState.Reused, existing, null, 0);
        }

        if (!ModelRegistry.IsNeural(input.Model.Name))
        {
            try
            {
                var result = await context.CallActivityAsync<ModelResult>(nameof(FitAndEvaluateActivity), resolution.Job, PipelineRetries.Activities);
                return new ModelOutcome(slug, ModelState.Completed, result, null, 1);
            }
            catch (TaskFailedException e)
            {
                return new ModelOutcome(slug, ModelState.Failed, null, e.FailureDetails.ErrorMessage, 1);
            }
        }

        return await RunOnWorkerAsync(context, input, resolution.Job);
    }

    private static async Task<ModelOutcome> RunOnWorkerAsync(TaskOrchestrationContext context, ModelRunInput input, ModelJob job)
    {
        var slug = input.Model.Slug;
        var timeout = TimeSpan.FromMinutes(input.Worker.TimeoutMinutes);
        var jobId = $"{input.RunId}:{slug}";
        string? lastError = null;
        for (var attempt = 1; attempt <= input.Worker.MaxAttempts; attempt++)
        {
            context.SetCustomStatus($"waiting for worker (attempt {attempt} of {input.Worker.MaxAttempts})");
            await context.CallActivityAsync<string>(nameof(DispatchWorkerJobActivity), new WorkerJob(jobId, context.InstanceId, attempt, job), PipelineRetries.Activities);
            WorkerJobCompletion completion;
            try
            {
                completion = await context.WaitForExternalEvent<WorkerJobCompletion>(WorkerJobCompletion.EventName, timeout);
            }
            catch (TaskCanceledException)
            {
                lastError = $"attempt {attempt} timed out after {timeout.TotalMinutes:0.#} min";
                continue;
            }

            if (completion.Result is { } result)
            {
                context.SetCustomStatus("completed");
                return new ModelOutcome(slug, ModelState.Completed, result, null, attempt);
            }

            lastError = $"attempt {completion.Attempt} failed: {completion.Error}";
        }

        context.SetCustomStatus("failed");
        return new ModelOutcome(slug, ModelState.Failed, null, $"{input.Worker.MaxAttempts} attempt(s) without a result; last: {lastError}", input.Worker.MaxAttempts);
    }
}
