using LlmSeqRec.Embeddings.Reduction;

namespace LlmSeqRec.Models.Similarity;

/// <summary>
/// LLMSeqSim's options (paper notes section 4.1). The defaults are the best setting found on Beauty's validation
/// folds with the local all-MiniLM-L6-v2 embeddings (<c>llmseqrec tune</c>, see BENCHMARKS.md): PCA to 256 dimensions
/// with L2-normalised rows, mean with harmonic-squared decay, dot product.
/// </summary>
/// <param name="Combination">Session embedding: last item or weighted mean.</param>
/// <param name="Decay">Weights of the mean.</param>
/// <param name="Similarity">Session-to-item similarity.</param>
/// <param name="Reduction">Optional reduction of the catalog matrix (rows L2-normalised after it when its Normalize is set).</param>
/// <param name="FilterPromptItems">Never recommend an item of the prompt.</param>
/// <param name="BatchSize">Prompts scored per matrix product.</param>
public sealed record LlmSeqSimConfig(
    SessionCombination Combination = SessionCombination.Mean,
    SessionDecay Decay = SessionDecay.HarmonicSquared,
    SimilarityMeasure Similarity = SimilarityMeasure.Dot,
    ReductionConfig? Reduction = null,
    bool FilterPromptItems = true,
    int BatchSize = 500)
{
    /// <summary>The defaults: the validation-fold optimum described above.</summary>
    public static LlmSeqSimConfig Default { get; } = new(Reduction: new ReductionConfig(ReductionMethod.Pca, 256));

    /// <summary>The papers' configurations on Beauty.</summary>
    public static IReadOnlyDictionary<string, LlmSeqSimConfig> Presets { get; } = new Dictionary<string, LlmSeqSimConfig>(StringComparer.OrdinalIgnoreCase)
    {
        // P1: last item, dot product, no reduction.
        ["p1"] = new(SessionCombination.Last, SessionDecay.None, SimilarityMeasure.Dot),

        // P2: PCA to 512 dimensions (capped at the embedding size), L2-normalised, harmonic mean, cosine.
        ["p2"] = new(SessionCombination.Mean, SessionDecay.Harmonic, SimilarityMeasure.Cosine, new ReductionConfig(ReductionMethod.Pca, 512)),
    };
}
