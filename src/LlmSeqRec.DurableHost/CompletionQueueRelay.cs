using System.Text.Json;
using Azure.Storage.Queues;
using LlmSeqRec.Pipeline.Jobs;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmSeqRec.DurableHost;

/// <summary>
/// The local host's counterpart of the Functions app's queue trigger: polls the completions queue and raises each
/// worker completion on the orchestration that waits for it (<see cref="WorkerCompletionRelay"/>). A message is
/// deleted only after its event is raised; a malformed one is moved to <c>{queue}-poison</c> with the reason.
/// </summary>
public sealed partial class CompletionQueueRelay(QueueClient queue, DurableTaskClient client, ILogger<CompletionQueueRelay> logger) : BackgroundService
{
    /// <summary>Idle wait between polls.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            var messages = (await queue.ReceiveMessagesAsync(maxMessages: 16, visibilityTimeout: TimeSpan.FromMinutes(1), stoppingToken).ConfigureAwait(false)).Value;
            foreach (var message in messages)
            {
                try
                {
                    var completion = WorkerCompletionRelay.Parse(message.Body.ToString());
                    var delivered = await WorkerCompletionRelay.RelayAsync(client, completion, stoppingToken).ConfigureAwait(false);
                    LogRelayed(logger, completion.Completion.JobId, completion.Completion.Attempt, delivered ? "delivered" : "dropped (run ended)");
                }
                catch (JsonException e)
                {
                    var poison = await PoisonMessages.MoveAsync(queue, message, e.Message, stoppingToken).ConfigureAwait(false);
                    LogMalformed(logger, message.MessageId, poison, e.Message);
                }

                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken).ConfigureAwait(false);
            }

            if (messages.Length == 0)
            {
                await Task.Delay(PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "worker completion {JobId} attempt {Attempt}: {Outcome}")]
    private static partial void LogRelayed(ILogger logger, string jobId, int attempt, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "malformed completion message {MessageId} moved to {Poison}: {Error}")]
    private static partial void LogMalformed(ILogger logger, string messageId, string poison, string error);
}
