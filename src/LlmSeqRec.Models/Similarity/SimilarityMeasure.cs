namespace LlmSeqRec.Models.Similarity;

/// <summary>Similarity between a session embedding s and an item embedding e.</summary>
public enum SimilarityMeasure
{
    /// <summary>s · e.</summary>
    Dot,

    /// <summary>s · e / (‖s‖ ‖e‖); 0 when either is a zero vector.</summary>
    Cosine,

    /// <summary>1 / (1 + ‖s − e‖₂).</summary>
    Euclidean,
}
