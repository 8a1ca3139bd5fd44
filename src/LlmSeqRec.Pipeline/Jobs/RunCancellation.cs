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
    /// A token cancelled when <paramref name="outer"/> is, or when the run's marker appears (checked every
    /// <paramref name="interval"/>). Dispose the result to stop watching.
    /// </summary>
    public static CancellationTokenSource Watch(IArtifactStore store, string runId, TimeSpan interval, CancellationToken outer)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        var token = source.Token;
        _ = Task.Run(async () =>
        {
            try
            {
                while (!token.IsCancellationRequested)
                {
                    if (await IsCancelledAsync(store, runId, token).ConfigureAwait(false))
                    {
                        await source.CancelAsync().ConfigureAwait(false);
                        return;
                    }

                    await Task.Delay(interval, token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped watching.
            }
            catch (ObjectDisposedException)
            {
                // The job finished and disposed the source.
            }
        }, CancellationToken.None);
        return source;
    }
}
