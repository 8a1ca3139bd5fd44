using System.Threading.Channels;

namespace LlmSeqRec.Pipeline.Jobs;

/// <summary>The jobs queue inside one process: for a local run whose worker lives in the same process.</summary>
public sealed class InProcessJobDispatcher : IJobDispatcher
{
    private readonly Channel<WorkerJob> _jobs = Channel.CreateUnbounded<WorkerJob>(new UnboundedChannelOptions { SingleReader = false });

    /// <summary>The jobs, in the order they were sent.</summary>
    public ChannelReader<WorkerJob> Reader => _jobs.Reader;

    /// <inheritdoc />
    public Task SendAsync(WorkerJob job, CancellationToken cancellationToken = default) => _jobs.Writer.WriteAsync(job, cancellationToken).AsTask();
}
