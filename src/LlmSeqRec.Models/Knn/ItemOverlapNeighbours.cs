namespace LlmSeqRec.Models.Knn;

/// <summary>
/// The neighbours of classic SKNN: the sampled candidate sessions (<see cref="CandidateSampler"/>), compared with the
/// prompt by their shared items. With prompt weights w (the decay) and a binary session vector s:
/// dot = Σ w over shared items; cosine = dot / (‖w‖ · √|s|); jaccard = |shared| / (|prompt| + |s| − |shared|).
/// </summary>
public sealed class ItemOverlapNeighbours : INeighbourSource
{
    private readonly SessionIndex _index;

    /// <param name="index">The train sessions.</param>
    /// <param name="sampler">Draws the candidates.</param>
    /// <param name="similarity">How a candidate is compared with the prompt.</param>
    public ItemOverlapNeighbours(SessionIndex index, CandidateSampler sampler, SimilarityMeasure similarity)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(sampler);
        _index = index;
        Sampler = sampler;
        Similarity = similarity;
    }

    /// <summary>Draws the candidates.</summary>
    public CandidateSampler Sampler { get; }

    /// <summary>How a candidate is compared with the prompt.</summary>
    public SimilarityMeasure Similarity { get; }

    /// <inheritdoc />
    public void FindCandidates(KnnPrompt prompt, KnnWorkspace workspace, List<Neighbour> candidates)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(candidates);
        var sessions = workspace.Sessions;
        Sampler.Sample(prompt, workspace, sessions);
        var promptNorm = prompt.Norm;
        foreach (var session in sessions)
        {
            var items = _index.ItemsOf(session);
            var dot = 0.0;
            var shared = 0;
            foreach (var item in items)
            {
                var weight = workspace.PromptWeight(item);
                if (weight != 0)
                {
                    dot += weight;
                    shared++;
                }
            }

            var similarity = Similarity switch
            {
                SimilarityMeasure.Dot => dot,
                SimilarityMeasure.Cosine => dot / (promptNorm * Math.Sqrt(items.Length)),
                SimilarityMeasure.Jaccard => (double)shared / (prompt.Count + items.Length - shared),
                _ => throw new InvalidOperationException($"unknown similarity {Similarity}"),
            };
            candidates.Add(new Neighbour(session, similarity));
        }
    }
}
