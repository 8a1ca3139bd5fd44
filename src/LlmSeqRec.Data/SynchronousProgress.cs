namespace LlmSeqRec.Data;

/// <summary>An <see cref="IProgress{T}"/> that calls its handler on the reporting thread, at once (unlike <see cref="Progress{T}"/>).</summary>
/// <param name="handler">Called with every report.</param>
public sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => handler(value);
}
