using System.Text.Json;
using LlmSeqRec.Pipeline.Jobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace LlmSeqRec.Functions.Triggers;

/// <summary>
/// The completions queue (<c>%CompletionsQueue%</c> on the <see cref="AppSettings.ArtifactStorage"/> account): each
/// message a worker posts when a job ends is raised as the completion event of the model run that waits for it
/// (<see cref="WorkerCompletionRelay"/>). A malformed message throws, so after the retries it lands in the poison queue.
/// </summary>
public sealed partial class WorkerCompletionFunction(ILogger<WorkerCompletionFunction> logger)
{
    /// <summary>Relays one completion message.</summary>
    /// <exception cref="FormatException">The message is not a completion message (the error says why and shows its start).</exception>
    [Function("WorkerCompletion")]
    public async Task RunAsync(
        [QueueTrigger("%" + AppSettings.CompletionsQueue + "%", Connection = AppSettings.ArtifactStorage)] string message,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        WorkerCompletionMessage completion;
        try
        {
            completion = WorkerCompletionRelay.Parse(message);
        }
        catch (JsonException e)
        {
            var start = message.Length > 200 ? message[..200] + "..." : message;
            throw new FormatException($"malformed worker completion message: {e.Message} (message: {start})", e);
        }

        var delivered = await WorkerCompletionRelay.RelayAsync(client, completion, cancellationToken).ConfigureAwait(false);
        if (delivered)
        {
            LogDelivered(logger, completion.Completion.JobId, completion.Completion.Attempt, completion.InstanceId);
        }
        else
        {
            LogDropped(logger, completion.Completion.JobId, completion.Completion.Attempt, completion.InstanceId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Completion of job {JobId} attempt {Attempt} raised on {InstanceId}")]
    private static partial void LogDelivered(ILogger logger, string jobId, int attempt, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Completion of job {JobId} attempt {Attempt} dropped: instance {InstanceId} does not exist or has ended")]
    private static partial void LogDropped(ILogger logger, string jobId, int attempt, string instanceId);
}
