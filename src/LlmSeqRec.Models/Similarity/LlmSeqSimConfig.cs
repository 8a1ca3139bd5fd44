using LlmSeqRec.Embeddings.Reduction;

namespace LlmSeqRec.Models.Similarity;

/// <summary>LLMSeqSim's options (paper notes section 4.1).</summary>
/// <param name="Combination">Session embedding: last item or weighted mean.</param>
/// <param name="Decay">Weights of the mean.</param>
/// <param name="Similarity">Session-to-item similarity.</param>
/// <param name="Reduction">Optional reduction of the catalog matrix (rows L2-normalised after it when its Normalize is set).</param>
/// <param name="FilterPromptItems">Never recommend an item of the prompt.</param>
/// <param name="BatchSize">Prompts scored per matrix product.</param>
public sealed record LlmSeqSimConfig(
    SessionCombination Combination = SessionCombination.Mean,
    SessionDecay Decay = SessionDecay.Harmonic,
    SimilarityMeasure Similarity = SimilarityMeasure.Cosine,
    ReductionConfig? Reduction = null,
    bool FilterPromptItems = true,
    int BatchSize = 500)
{
    /// <summary>The papers' configurations on Beauty.</summary>
    public static IReadOnlyDictionary<string, LlmSeqSimConfig> Presets { get; } = new Dictionary<string, LlmSeqSimConfig>(StringComparer.OrdinalIgnoreCase)
    {
        // P1: last item, dot product, no reduction.
        ["p1"] = new(SessionCombination.Last, SessionDecay.None, SimilarityMeasure.Dot),

        // P2: PCA to 512 dimensions (capped at the embedding size), L2-normalised, harmonic mean, cosine.
        ["p2"] = new(SessionCombination.Mean, SessionDecay.Harmonic, SimilarityMeasure.Cosine, new ReductionConfig(ReductionMethod.Pca, 512)),
    };
}
