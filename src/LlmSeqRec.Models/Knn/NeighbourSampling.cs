namespace LlmSeqRec.Models.Knn;

/// <summary>
/// How the candidate neighbours of a prompt are drawn from the train sessions that share at least one item with it,
/// when there are more of them than the sample size.
/// </summary>
public enum NeighbourSampling
{
    /// <summary>A uniform random sample without replacement (seeded, so runs repeat exactly).</summary>
    Random,

    /// <summary>The most recent sessions (largest end time; ties: the later session in the training order).</summary>
    Recent,
}
