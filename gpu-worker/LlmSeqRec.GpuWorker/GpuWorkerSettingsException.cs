namespace LlmSeqRec.GpuWorker;

/// <summary>Settings the worker cannot start with; <see cref="Errors"/> lists every problem, each starting with the setting's name.</summary>
public sealed class GpuWorkerSettingsException(IReadOnlyList<string> errors)
    : Exception("invalid settings: " + string.Join("; ", errors))
{
    /// <summary>Every problem found, as <c>NAME: what is wrong</c>.</summary>
    public IReadOnlyList<string> Errors { get; } = errors;
}
