namespace LlmSeqRec.Models.Knn;

/// <summary>
/// Draws the candidate neighbours of a prompt: the train sessions that hold at least one prompt item, at most
/// <see cref="SampleSize"/> of them, chosen at random or the most recent ones (as the papers' code does).
/// </summary>
/// <remarks>
/// Random sampling is reproducible and order-free: each prompt gets its own generator, seeded from
/// <see cref="Seed"/> and the prompt's items, so a prompt's sample does not depend on which prompts came before it
/// or on the thread that handles it. The papers' code instead draws from one generator shared by all prompts
/// (unseeded in their runs), so its samples cannot be reproduced exactly; the distribution is the same.
/// </remarks>
public sealed class CandidateSampler
{
    private readonly SessionIndex _index;

    /// <param name="index">The train sessions.</param>
    /// <param name="sampling">Random or most recent.</param>
    /// <param name="sampleSize">The most candidates kept.</param>
    /// <param name="seed">Seed of the random sampling.</param>
    public CandidateSampler(SessionIndex index, NeighbourSampling sampling, int sampleSize, int seed)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleSize);
        _index = index;
        Sampling = sampling;
        SampleSize = sampleSize;
        Seed = seed;
    }

    /// <summary>How candidates are drawn.</summary>
    public NeighbourSampling Sampling { get; }

    /// <summary>The most candidates kept.</summary>
    public int SampleSize { get; }

    /// <summary>Seed of the random sampling.</summary>
    public int Seed { get; }

    /// <summary>
    /// Replaces the contents of <paramref name="sessions"/> with the sampled candidates of <paramref name="prompt"/>
    /// (uses the workspace's session set), in sample order: a random order for random sampling (which decides ties
    /// among equally similar neighbours, as the order of numpy's sample does in the papers' code), the most recent
    /// first for recent sampling.
    /// </summary>
    public void Sample(KnnPrompt prompt, KnnWorkspace workspace, List<int> sessions)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(sessions);
        sessions.Clear();
        workspace.ClearSessionMarks();
        foreach (var item in prompt.Items)
        {
            foreach (var session in _index.SessionsWith(item))
            {
                if (workspace.MarkSession(session))
                {
                    sessions.Add(session);
                }
            }
        }

        var kept = Math.Min(SampleSize, sessions.Count);
        if (Sampling == NeighbourSampling.Recent)
        {
            // Sessions are numbered by recency, so the most recent are the largest numbers.
            sessions.Sort();
            sessions.Reverse();
        }
        else
        {
            // A partial Fisher-Yates shuffle of the ascending list: the first `kept` entries are a uniform sample in
            // uniformly random order (a full permutation when all are kept), like numpy's choice without replacement.
            sessions.Sort();
            var random = new SplitMix64(PromptSeed(prompt));
            for (var i = 0; i < kept; i++)
            {
                var j = i + random.NextBelow(sessions.Count - i);
                (sessions[i], sessions[j]) = (sessions[j], sessions[i]);
            }
        }

        sessions.RemoveRange(kept, sessions.Count - kept);
    }

    private ulong PromptSeed(KnnPrompt prompt)
    {
        var hash = SplitMix64.Combine(0x5EED, (ulong)(uint)Seed);
        foreach (var item in prompt.Items)
        {
            hash = SplitMix64.Combine(hash, (ulong)(uint)item);
        }

        return hash;
    }
}
