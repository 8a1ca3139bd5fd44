namespace LlmSeqRec.Models.Similarity;

/// <summary>How the prompt items' embeddings become one session embedding.</summary>
public enum SessionCombination
{
    /// <summary>The embedding of the last (most recent) item; decay is ignored.</summary>
    Last,

    /// <summary>The weighted mean Σ wᵢ eᵢ / Σ wᵢ with the weights of a <see cref="SessionDecay"/>.</summary>
    Mean,
}
