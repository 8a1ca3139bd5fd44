namespace LlmSeqRec.Models.Knn;

/// <summary>
/// Weight of a prompt item by its distance <c>i</c> from the end of the prompt (i = 1 for the last item): the
/// V-SKNN decays of the papers' implementation.
/// </summary>
public enum PositionDecay
{
    /// <summary>Every item weighs 1.</summary>
    None,

    /// <summary>max(1e-4, 1 − 0.1·(i − 1)).</summary>
    Linear,

    /// <summary>1 / (ln i + 1).</summary>
    Log,

    /// <summary>1 / i.</summary>
    Harmonic,

    /// <summary>1 / i².</summary>
    Quadratic,
}
