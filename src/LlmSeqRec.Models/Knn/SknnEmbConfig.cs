using LlmSeqRec.Embeddings.Reduction;
using LlmSeqRec.Models.Similarity;

namespace LlmSeqRec.Models.Knn;

/// <summary>SKNNEmb's options (Boz et al. 2024; paper notes sections 4.5 and 4.8).</summary>
/// <param name="K">Neighbours kept.</param>
/// <param name="SampleSize">Candidate sessions drawn among those sharing an item with the prompt.</param>
/// <param name="Sampling">Recent or random candidates.</param>
/// <param name="PromptCombination">How the prompt's item embeddings combine.</param>
/// <param name="PromptDecay">Weights of the prompt-side mean.</param>
/// <param name="TrainCombination">How a train session's item embeddings combine.</param>
/// <param name="TrainDecay">Weights of the train-side mean.</param>
/// <param name="Similarity">Session-embedding similarity.</param>
/// <param name="Reduction">Optional reduction of the catalog embeddings (rows L2-normalised after it by default).</param>
/// <param name="IdfWeighting">Multiply item scores by 1 + ln(sessions / sessions holding the item).</param>
/// <param name="FilterPromptItems">Never recommend an item of the prompt.</param>
public sealed record SknnEmbConfig(
    int K = 60,
    int SampleSize = 1370,
    NeighbourSampling Sampling = NeighbourSampling.Recent,
    SessionCombination PromptCombination = SessionCombination.Mean,
    SessionDecay PromptDecay = SessionDecay.Harmonic,
    SessionCombination TrainCombination = SessionCombination.Mean,
    SessionDecay TrainDecay = SessionDecay.Harmonic,
    Similarity.SimilarityMeasure Similarity = Similarity.SimilarityMeasure.Dot,
    ReductionConfig? Reduction = null,
    bool IdfWeighting = false,
    bool FilterPromptItems = true)
{
    /// <summary>
    /// The papers' configuration: P2's Beauty optimum (k 60, 1,370 recent candidates, dot, mean/mean with harmonic
    /// decay). P2 reduced PaLM embeddings with LDA to 512 on item classes; the Beauty data here has no class labels,
    /// so the preset leaves the reduction off (add one with --config).
    /// </summary>
    public static IReadOnlyDictionary<string, SknnEmbConfig> Presets { get; } = new Dictionary<string, SknnEmbConfig>(StringComparer.OrdinalIgnoreCase)
    {
        ["p2"] = new(),
    };

    /// <summary>The neighbourhood part, as the SKNN engine takes it (its similarity and decay are replaced by the embeddings).</summary>
    public SknnConfig Neighbourhood() => new(K, SampleSize, Sampling, Knn.SimilarityMeasure.Dot, PositionDecay.None, IdfWeighting, FilterPromptItems: FilterPromptItems);
}
