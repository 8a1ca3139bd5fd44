using LlmSeqRec.Pipeline.Artifacts;

namespace LlmSeqRec.Pipeline.Jobs;

/// <summary>
/// A run's cancellation as workers see it: the marker <c>runs/{id}/cancelled</c> in the store, written when the
/// run is cancelled and checked while a job works, so a cancelled run's jobs stop at their next step.
/// </summary>
public static class RunCancellation
{
    /// <summary>Marks <paramref name="runId"/> as cancelled (idempotent).</summary>
    public static Task MarkAsync(IArtifactStore store, string runId, string reason, CancellationToken cancellationToken = default) =>
        store.WriteAsync(ArtifactLayout.RunCancelled(runId), new MemoryStream(System.Text.Encoding.UTF8.GetBytes(reason)), cancellationToken);

    /// <summary>Whether <paramref name="runId"/> was cancelled.</summary>
    public static Task<bool> IsCancelledAsync(IArtifactStore store, string runId, CancellationToken cancellationToken = default) =>
        store.ExistsAsync(ArtifactLayout.RunCancelled(runId), cancellationToken);

    /// <summary>
    /// Watches run <paramref name="runId"/>: the watch's token is cancelled when <paramref name="outer"/> is, or when
    /// the run's marker appears (checked every <paramref name="interval"/>). Dispose it to stop watching.
    /// </summary>
    public static RunCancellationWatch Watch(IArtifactStore store, string runId, TimeSpan interval, CancellationToken outer) =>
        new(store, runId, interval, outer);
}

/// <summary>A running check of a run's cancellation marker (see <see cref="RunCancellation.Watch"/>).</summary>
public sealed class RunCancellationWatch : IDisposable
{
    private readonly CancellationTokenSource _cancelled;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    internal RunCancellationWatch(IArtifactStore store, string runId, TimeSpan interval, CancellationToken outer)
    {
        _cancelled = CancellationTokenSource.CreateLinkedTokenSource(outer);
        var stop = _stop.Token;
        _loop = Task.Run(async () =>
        {
            try
            {
                while (!stop.IsCancellationRequested && !_cancelled.IsCancellationRequested)
                {
                    if (await RunCancellation.IsCancelledAsync(store, runId, stop).ConfigureAwait(false))
                    {
                        await _cancelled.CancelAsync().ConfigureAwait(false);
                        return;
                    }

                    await Task.Delay(interval, stop).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped watching.
            }
        }, CancellationToken.None);
    }

    /// <summary>Cancelled when the run is cancelled or the caller's token fires.</summary>
    public CancellationToken Token => _cancelled.Token;

    /// <summary>Stops watching.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait(TimeSpan.FromSeconds(10));
        _stop.Dispose();
        _cancelled.Dispose();
    }
}
