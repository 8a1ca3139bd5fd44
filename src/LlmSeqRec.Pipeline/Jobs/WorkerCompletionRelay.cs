using System.Text.Json;
using LlmSeqRec.Pipeline.Artifacts;
using Microsoft.DurableTask.Client;

namespace LlmSeqRec.Pipeline.Jobs;

/// <summary>A message on the completions queue: which orchestration waits, and the worker's answer.</summary>
public sealed record WorkerCompletionMessage(string InstanceId, WorkerJobCompletion Completion);

/// <summary>
/// Turns worker completion messages (the completions queue that GPU workers write to) into the orchestration event
/// a <see cref="Orchestration.ModelRunOrchestration"/> waits for. The Functions app's queue trigger and the local
/// host's queue poller both call it.
/// </summary>
public static class WorkerCompletionRelay
{
    /// <summary>The default name of the completions queue.</summary>
    public const string DefaultQueue = "llmseqrec-completions";

    /// <summary>The JSON text of a completion message.</summary>
    public static string Serialize(WorkerCompletionMessage message) => JsonSerializer.Serialize(message, PipelineStorage.JsonOptions);

    /// <summary>Reads a completion message.</summary>
    /// <exception cref="JsonException">The text is not a completion message (the error names the field).</exception>
    public static WorkerCompletionMessage Parse(string text)
    {
        var message = JsonSerializer.Deserialize<WorkerCompletionMessage>(text, PipelineStorage.JsonOptions);
        return message is { InstanceId.Length: > 0, Completion.JobId.Length: > 0 }
            ? message
            : throw new JsonException("a completion message needs instanceId and completion.jobId");
    }

    /// <summary>Raises the completion on its orchestration. A completion for an instance that has ended is dropped (a late or duplicate answer).</summary>
    /// <returns>Whether the event was delivered.</returns>
    public static async Task<bool> RelayAsync(DurableTaskClient client, WorkerCompletionMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(message);
        var instance = await client.GetInstanceAsync(message.InstanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (instance is null || instance.IsCompleted)
        {
            return false;
        }

        await client.RaiseEventAsync(message.InstanceId, WorkerJobCompletion.EventName, message.Completion, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
