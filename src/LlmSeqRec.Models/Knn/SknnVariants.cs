namespace LlmSeqRec.Models.Knn;

/// <summary>
/// The four kNN models of the papers. Defaults follow session-rec (Ludewig and Jannach): k 100, 500 most recent
/// candidates, jaccard for SKNN and S-SKNN, cosine for SF-SKNN and V-SKNN (V-SKNN: harmonic decay, session-rec's
/// "div", and 1,000 candidates). The presets "p1" and "p2" of V-SKNN are the papers' Beauty configurations.
/// </summary>
public static class SknnVariants
{
    private static readonly IReadOnlyDictionary<string, SknnConfig> NoPresets = new Dictionary<string, SknnConfig>();

    /// <summary>SKNN: plain session kNN.</summary>
    public static SknnVariant Sknn { get; } = new("sknn",
        new SknnConfig(K: 100, SampleSize: 500, Sampling: NeighbourSampling.Recent, Similarity: SimilarityMeasure.Jaccard),
        NoPresets);

    /// <summary>
    /// V-SKNN: prompt items weighted by position decay. Presets: "p1" = P1 Beauty (RecSys23
    /// <c>recs_V-SKNN_*_config.txt</c>: k 70, 1,090 random candidates, harmonic, dot, idf); "p2" = P2 Beauty
    /// (online material: k 320, 1,530 random candidates, no idf; the fields it does not list as in p1).
    /// </summary>
    public static SknnVariant VSknn { get; } = new("vsknn",
        new SknnConfig(K: 100, SampleSize: 1000, Sampling: NeighbourSampling.Recent, Similarity: SimilarityMeasure.Cosine, Decay: PositionDecay.Harmonic),
        new Dictionary<string, SknnConfig>(StringComparer.OrdinalIgnoreCase)
        {
            ["p1"] = new(K: 70, SampleSize: 1090, Sampling: NeighbourSampling.Random, Similarity: SimilarityMeasure.Dot,
                Decay: PositionDecay.Harmonic, IdfWeighting: true, FilterPromptItems: true),
            ["p2"] = new(K: 320, SampleSize: 1530, Sampling: NeighbourSampling.Random, Similarity: SimilarityMeasure.Dot,
                Decay: PositionDecay.Harmonic, IdfWeighting: false, FilterPromptItems: true),
        });

    /// <summary>S-SKNN: neighbours weighted by the prompt position of the latest item they share with it.</summary>
    public static SknnVariant SSknn { get; } = new("ssknn",
        new SknnConfig(K: 100, SampleSize: 500, Sampling: NeighbourSampling.Recent, Similarity: SimilarityMeasure.Jaccard, SequentialWeighting: true),
        NoPresets);

    /// <summary>SF-SKNN: only items that directly follow the prompt's last item in some train session.</summary>
    public static SknnVariant SfSknn { get; } = new("sfsknn",
        new SknnConfig(K: 100, SampleSize: 500, Sampling: NeighbourSampling.Recent, Similarity: SimilarityMeasure.Cosine, SequentialFilter: true),
        NoPresets);

    /// <summary>All four, in the order above.</summary>
    public static IReadOnlyList<SknnVariant> All { get; } = [Sknn, VSknn, SSknn, SfSknn];
}
