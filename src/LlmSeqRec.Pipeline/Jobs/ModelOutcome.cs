namespace LlmSeqRec.Pipeline.Jobs;

/// <summary>How a model's run in the pipeline ended.</summary>
public enum ModelState
{
    /// <summary>Fitted and scored in this run.</summary>
    Completed,

    /// <summary>A result for the same inputs existed already and was reused.</summary>
    Reused,

    /// <summary>Every attempt failed or timed out; <see cref="ModelOutcome.Error"/> says why.</summary>
    Failed,

    /// <summary>A method of the papers this version cannot run yet; <see cref="ModelOutcome.Error"/> says so.</summary>
    NotAvailable,
}

/// <summary>The outcome of one model in a run: its state, result, last error and the attempts it took.</summary>
public sealed record ModelOutcome(string Slug, ModelState State, ModelResult? Result, string? Error, int Attempts);
