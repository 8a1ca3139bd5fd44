using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace LlmSeqRec.Worker;

/// <summary>
/// Keeps a taken queue message hidden while its job runs: extends the visibility by the lease every third of it.
/// Every extension changes the pop receipt; <see cref="Current"/> has the latest.
/// </summary>
internal sealed class MessageVisibility : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private volatile QueueMessage _current;

    public MessageVisibility(QueueClient queue, QueueMessage message, TimeSpan lease)
    {
        _current = message;
        var stop = _stop.Token;
        _loop = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await Task.Delay(lease / 3, stop).ConfigureAwait(false);
                    var receipt = (await queue.UpdateMessageAsync(_current.MessageId, _current.PopReceipt, visibilityTimeout: lease, cancellationToken: stop).ConfigureAwait(false)).Value;
                    _current = _current.Update(receipt);
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }, CancellationToken.None);
    }

    /// <summary>The message with its latest pop receipt.</summary>
    public QueueMessage Current => _current;

    /// <summary>Stops extending (the message keeps its current visibility). Safe to call more than once.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        await _loop.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
