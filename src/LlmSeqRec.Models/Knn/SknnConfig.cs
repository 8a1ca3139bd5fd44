using System.Text.Json.Serialization;

namespace LlmSeqRec.Models.Knn;

/// <summary>
/// Configuration of the session-based kNN family (SKNN, V-SKNN, S-SKNN, SF-SKNN; Ludewig and Jannach 2018, as
/// implemented in the papers' <c>main/sknn/sknn.py</c>). JSON field names are the camelCase property names; enum
/// values are lower case (<c>"random"</c>, <c>"harmonic"</c>, ...).
/// </summary>
/// <param name="K">How many nearest neighbours score the items (1 ≤ K ≤ SampleSize).</param>
/// <param name="SampleSize">How many candidate neighbours are drawn from the sessions sharing an item with the prompt.</param>
/// <param name="Sampling">How the candidates are drawn when there are more than <paramref name="SampleSize"/>.</param>
/// <param name="Similarity">How a prompt is compared with a candidate session.</param>
/// <param name="Decay">Position decay of the prompt items (V-SKNN); needs <see cref="SimilarityMeasure.Dot"/> or <see cref="SimilarityMeasure.Cosine"/>.</param>
/// <param name="IdfWeighting">Multiply an item's score by its idf, 1 + ln(#train sessions / #train sessions holding the item).</param>
/// <param name="SequentialWeighting">
/// S-SKNN: weigh each neighbour by p / |prompt|, where p is the 1-based prompt position of the most recent item it shares
/// with the prompt.
/// </param>
/// <param name="SequentialFilter">SF-SKNN: keep only items that directly follow the prompt's last item in some train session.</param>
/// <param name="FilterPromptItems">Leave out items already in the prompt.</param>
/// <param name="LastNItems">Use only the last this-many prompt items (all when null).</param>
public sealed record SknnConfig(
    int K = 100,
    int SampleSize = 500,
    NeighbourSampling Sampling = NeighbourSampling.Recent,
    SimilarityMeasure Similarity = SimilarityMeasure.Cosine,
    PositionDecay Decay = PositionDecay.None,
    bool IdfWeighting = false,
    bool SequentialWeighting = false,
    bool SequentialFilter = false,
    bool FilterPromptItems = true,
    int? LastNItems = null)
{
    /// <summary>
    /// The variant name the papers' code gives this configuration: V-SKNN with a decay, else SF-SKNN with the
    /// sequential filter, else S-SKNN with sequential weighting, else SKNN.
    /// </summary>
    [JsonIgnore]
    public string VariantName =>
        Decay != PositionDecay.None ? "V-SKNN"
        : SequentialFilter ? "SF-SKNN"
        : SequentialWeighting ? "S-SKNN"
        : "SKNN";

    /// <summary>Checks the value ranges and combinations that the papers' code refuses.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names the field.</exception>
    public void Validate()
    {
        if (SampleSize < 1)
        {
            throw new ArgumentException($"sampleSize must be at least 1 (got {SampleSize})");
        }

        if (K < 1 || K > SampleSize)
        {
            throw new ArgumentException($"k must be between 1 and sampleSize = {SampleSize} (got {K})");
        }

        if (!Enum.IsDefined(Sampling) || !Enum.IsDefined(Similarity) || !Enum.IsDefined(Decay))
        {
            throw new ArgumentException("sampling, similarity or decay has an unknown value");
        }

        if (Decay != PositionDecay.None && Similarity == SimilarityMeasure.Jaccard)
        {
            throw new ArgumentException($"decay '{Decay}' needs similarity dot or cosine (got jaccard)");
        }

        if (LastNItems is < 1)
        {
            throw new ArgumentException($"lastNItems must be at least 1 when set (got {LastNItems})");
        }
    }
}
