using Microsoft.DurableTask;

namespace LlmSeqRec.Functions.Orchestration;

/// <summary>The activity context an <see cref="ActivityFunctions"/> adapter hands to its activity class (name and orchestration instance).</summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
