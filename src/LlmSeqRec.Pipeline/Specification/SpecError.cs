namespace LlmSeqRec.Pipeline.Specification;

/// <summary>One problem of a pipeline spec: the JSON path of the field (e.g. <c>$.models[1].preset</c>) and what is wrong.</summary>
public sealed record SpecError(string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>A pipeline spec that cannot run; <see cref="Errors"/> lists every problem found.</summary>
public sealed class PipelineSpecException(IReadOnlyList<SpecError> errors)
    : Exception("invalid pipeline spec: " + string.Join("; ", errors))
{
    /// <summary>Every problem found, each naming its field.</summary>
    public IReadOnlyList<SpecError> Errors { get; } = errors;
}
