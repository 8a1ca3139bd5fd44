using LlmSeqRec.Pipeline.Jobs;
using Microsoft.DurableTask;

namespace LlmSeqRec.Pipeline.Activities;

/// <summary>Stage "models" for neural models: puts one attempt of a job on the GPU workers' queue.</summary>
public sealed class DispatchWorkerJobActivity(IJobDispatcher queue) : TaskActivity<WorkerJob, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskActivityContext context, WorkerJob input)
    {
        await queue.SendAsync(input).ConfigureAwait(false);
        return input.JobId;
    }
}
