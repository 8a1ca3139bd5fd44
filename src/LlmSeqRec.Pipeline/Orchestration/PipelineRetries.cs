using Microsoft.DurableTask;

namespace LlmSeqRec.Pipeline.Orchestration;

/// <summary>
/// Retry policies of the pipeline's activities: transient failures (storage, network, a host that died) are
/// retried with back-off; bad input (a malformed file, an invalid setting) is not, since it fails the same way again.
/// </summary>
public static class PipelineRetries
{
    private static readonly Type[] Permanent =
    [
        typeof(LlmSeqRec.Data.DatasetFormatException),
        typeof(ArgumentException),
        typeof(DirectoryNotFoundException),
        typeof(FileNotFoundException),
        typeof(InvalidDataException),
        typeof(OperationCanceledException),
    ];

    /// <summary>Three attempts, 2 s then 4 s apart, skipping permanent errors.</summary>
    public static TaskOptions Activities { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 3,
        firstRetryInterval: TimeSpan.FromSeconds(2),
        backoffCoefficient: 2.0)
    {
        HandleFailure = failure => !Permanent.Any(failure.IsCausedBy),
    });
}
