using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace LlmSeqRec.Worker;

/// <summary>
/// Exclusive hold of one job across workers: a blob lease on <c>models/{hash}/job.lease</c>, renewed while the job
/// runs. Two messages for the same job (a retried attempt, a duplicate delivery) can never train at the same time;
/// the lease lapses on its own when the holder dies.
/// </summary>
internal sealed class JobLease : IAsyncDisposable
{
    private readonly BlobLeaseClient _lease;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;

    private JobLease(BlobLeaseClient lease, TimeSpan renewEvery)
    {
        _lease = lease;
        var stop = _stop.Token;
        _renewal = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await Task.Delay(renewEvery, stop).ConfigureAwait(false);
                    await _lease.RenewAsync(cancellationToken: stop).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // Released.
            }
        }, CancellationToken.None);
    }

    /// <summary>How long a lease lasts without renewal for a worker lease of <paramref name="workerLease"/> (blob leases take 15-60 s).</summary>
    public static TimeSpan DurationFor(TimeSpan workerLease) => TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(workerLease.TotalSeconds), 15, 60));

    /// <summary>Takes the job's lease for <paramref name="duration"/> (renewed every third of it), or returns null when another worker holds it.</summary>
    public static async Task<JobLease?> TryAcquireAsync(BlobContainerClient container, string resultHash, TimeSpan duration, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient($"models/{resultHash}/job.lease");
        try
        {
            await blob.UploadAsync(BinaryData.FromString(""), overwrite: false, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Exists already (maybe leased): fine.
        }

        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(duration, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new JobLease(lease, duration / 3);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Stops renewing and releases the lease.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(false);
        _stop.Dispose();
        try
        {
            await _lease.ReleaseAsync().ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Lapsed already: nothing to release.
        }
    }
}
