namespace LlmSeqRec.Models.Knn;

/// <summary>
/// The part of session kNN that finds a prompt's candidate neighbour sessions and says how similar each is to the
/// prompt. The recommender keeps the k most similar and scores their items. SKNN compares item overlap
/// (<see cref="ItemOverlapNeighbours"/>); an embedding-based variant (SKNNEmb) can reuse <see cref="CandidateSampler"/>
/// and compare session embeddings instead.
/// </summary>
public interface INeighbourSource
{
    /// <summary>
    /// Adds the candidate neighbours of <paramref name="prompt"/> with their similarities to
    /// <paramref name="candidates"/> (which the caller has emptied). <paramref name="workspace"/> has
    /// <paramref name="prompt"/> as its current prompt (<see cref="KnnWorkspace.Begin"/>) and belongs to the calling
    /// thread. Equally similar candidates rank in the order they are added. The result must depend only on the prompt (and the source's own seed), not on earlier calls, so that
    /// prompts can be recommended in parallel and in any order with the same result.
    /// </summary>
    void FindCandidates(KnnPrompt prompt, KnnWorkspace workspace, List<Neighbour> candidates);
}
