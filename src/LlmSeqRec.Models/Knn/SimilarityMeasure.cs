namespace LlmSeqRec.Models.Knn;

/// <summary>
/// How a prompt is compared with a train session, both seen as item vectors: the train session binary, the prompt
/// with its position-decay weights (all 1 without decay).
/// </summary>
public enum SimilarityMeasure
{
    /// <summary>Dot product divided by the two Euclidean norms.</summary>
    Cosine,

    /// <summary>Dot product: the sum of the prompt weights of the shared items.</summary>
    Dot,

    /// <summary>|shared items| / |union of items| (binary; not combined with a decay).</summary>
    Jaccard,
}
