using System.Runtime.InteropServices;
using LlmSeqRec.Data;

namespace LlmSeqRec.Models.Knn;

/// <summary>
/// Session-based kNN (SKNN and its variants V-SKNN, S-SKNN, SF-SKNN, chosen by <see cref="SknnConfig"/>), following
/// the papers' <c>main/sknn/sknn.py</c>. For each prompt:
/// <list type="number">
/// <item>the prompt's trained items, each once, weighted by the position decay (<see cref="KnnPrompt"/>);</item>
/// <item>the candidate neighbours and their similarities (<see cref="INeighbourSource"/>; by default
/// <see cref="ItemOverlapNeighbours"/>);</item>
/// <item>the <see cref="SknnConfig.K"/> most similar (ties: in the source's order: random for random sampling, the
/// most recent first for recent sampling, as the papers' code in effect does);</item>
/// <item>each item of those neighbours scores the sum of the similarities of the neighbours holding it, each times the
/// neighbour's sequential weight (S-SKNN), the sum times the item's idf (if enabled);</item>
/// <item>prompt items are left out (if enabled), and with the sequential filter (SF-SKNN) only items that directly
/// follow the prompt's last item in some train session are kept (none if it has no successor);</item>
/// <item>the top items by score (ties: the lower catalog index first). The slate is shorter when fewer items score.</item>
/// </list>
/// Prompts are handled in parallel; the result is the same for any order and thread count.
/// </summary>
public sealed class SessionKnnRecommender : IRecommender
{
    /// <summary>The seed used when none is given.</summary>
    public const int DefaultSeed = 42;

    private readonly Func<SessionIndex, INeighbourSource>? _neighbourSourceFactory;
    private readonly string? _name;
    private SessionIndex? _index;
    private INeighbourSource? _neighbours;

    /// <param name="config">The configuration; checked with <see cref="SknnConfig.Validate"/>.</param>
    /// <param name="seed">Seed of the random neighbour sampling.</param>
    /// <param name="neighbourSource">
    /// Builds the neighbour source from the fitted index; null for the item-overlap neighbours of
    /// <paramref name="config"/> (<see cref="ItemOverlapNeighbours"/> with a <see cref="CandidateSampler"/>).
    /// </param>
    /// <param name="name">Display name; null for the variant's name from <paramref name="config"/>.</param>
    /// <exception cref="ArgumentException">The configuration is invalid.</exception>
    public SessionKnnRecommender(SknnConfig config, int seed = DefaultSeed, Func<SessionIndex, INeighbourSource>? neighbourSource = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        Seed = seed;
        _neighbourSourceFactory = neighbourSource;
        _name = name;
    }

    /// <summary>The configuration.</summary>
    public SknnConfig Config { get; }

    /// <summary>Seed of the random neighbour sampling.</summary>
    public int Seed { get; }

    /// <inheritdoc />
    public string Name => _name ?? Config.VariantName;

    /// <summary>The fitted index (null before <see cref="FitAsync"/>).</summary>
    public SessionIndex? Index => _index;

    /// <inheritdoc />
    public Task FitAsync(TrainingSet training, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        cancellationToken.ThrowIfCancellationRequested();
        var index = SessionIndex.Build(training);
        _neighbours = _neighbourSourceFactory is { } factory
            ? factory(index)
            : new ItemOverlapNeighbours(index, new CandidateSampler(index, Config.Sampling, Config.SampleSize, Seed), Config.Similarity);
        _index = index;
        progress?.Report(new FitProgress("indexed sessions", 1, $"{index.SessionCount:N0} sessions"));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public IReadOnlyList<int[]> Recommend(IReadOnlyList<int[]> prompts, int topK, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentOutOfRangeException.ThrowIfNegative(topK);
        var (index, _) = Fitted();
        var result = new int[prompts.Count][];
        Parallel.For(
            0,
            prompts.Count,
            new ParallelOptions { CancellationToken = cancellationToken },
            () => (Workspace: new KnnWorkspace(index), Neighbours: new List<Neighbour>(), Slate: new List<ScoredItem>()),
            (p, _, local) =>
            {
                RankInto(prompts[p], topK, local.Workspace, local.Neighbours, local.Slate);
                var items = new int[local.Slate.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = local.Slate[i].Item;
                }

                result[p] = items;
                return local;
            },
            static _ => { });
        return result;
    }

    /// <summary>The top <paramref name="topK"/> items for one prompt with their scores, best first.</summary>
    public IReadOnlyList<ScoredItem> Score(int[] prompt, int topK)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentOutOfRangeException.ThrowIfNegative(topK);
        var (index, _) = Fitted();
        var slate = new List<ScoredItem>();
        RankInto(prompt, topK, new KnnWorkspace(index), [], slate);
        return slate;
    }

    /// <summary>The <see cref="SknnConfig.K"/> nearest neighbours of one prompt, closest first.</summary>
    public IReadOnlyList<Neighbour> NearestNeighbours(int[] prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var (index, _) = Fitted();
        var workspace = new KnnWorkspace(index);
        var neighbours = new List<Neighbour>();
        var knn = KnnPrompt.From(prompt, index, Config.Decay, Config.LastNItems);
        if (!knn.IsEmpty)
        {
            FindNearest(knn, workspace, neighbours);
            workspace.End();
        }

        return neighbours;
    }

    private (SessionIndex Index, INeighbourSource Neighbours) Fitted() =>
        _index is { } index && _neighbours is { } neighbours
            ? (index, neighbours)
            : throw new InvalidOperationException("call FitAsync before Recommend");

    /// <summary>Fills <paramref name="slate"/> with the top items of <paramref name="prompt"/>.</summary>
    private void RankInto(int[] prompt, int topK, KnnWorkspace workspace, List<Neighbour> neighbours, List<ScoredItem> slate)
    {
        var (index, _) = Fitted();
        slate.Clear();
        var knn = KnnPrompt.From(prompt, index, Config.Decay, Config.LastNItems);
        if (knn.IsEmpty || topK == 0)
        {
            return;
        }

        try
        {
            FindNearest(knn, workspace, neighbours);
            ScoreItems(knn, workspace, neighbours, slate);
        }
        finally
        {
            workspace.End();
        }

        var ranked = CollectionsMarshal.AsSpan(slate);
        ranked.Sort(default(BestFirst));
        if (slate.Count > topK)
        {
            slate.RemoveRange(topK, slate.Count - topK);
        }
    }

    /// <summary>
    /// Leaves the k nearest neighbours in <paramref name="neighbours"/>, closest first, equally similar ones in the
    /// order the source gave them; begins the prompt in the workspace.
    /// </summary>
    private void FindNearest(KnnPrompt prompt, KnnWorkspace workspace, List<Neighbour> neighbours)
    {
        var (_, source) = Fitted();
        workspace.Begin(prompt);
        neighbours.Clear();
        source.FindCandidates(prompt, workspace, neighbours);
        var ranked = workspace.RankBuffer(neighbours.Count);
        for (var i = 0; i < ranked.Length; i++)
        {
            ranked[i] = (neighbours[i], i);
        }

        ranked.Sort(default(ClosestFirst));
        neighbours.Clear();
        foreach (var (neighbour, _) in ranked[..Math.Min(Config.K, ranked.Length)])
        {
            neighbours.Add(neighbour);
        }
    }

    /// <summary>Scores the items of the neighbours into <paramref name="slate"/> (unsorted), applying the filters.</summary>
    private void ScoreItems(KnnPrompt prompt, KnnWorkspace workspace, List<Neighbour> neighbours, List<ScoredItem> slate)
    {
        var index = _index!;
        ReadOnlySpan<int> allowed = default;
        if (Config.SequentialFilter)
        {
            allowed = index.SuccessorsOf(prompt.Items[^1]);
            if (allowed.IsEmpty)
            {
                return;
            }
        }

        var scores = workspace.ItemScores;
        var scored = workspace.ItemScored;
        var touched = workspace.ScoredItems;
        touched.Clear();
        foreach (var neighbour in neighbours)
        {
            var items = index.ItemsOf(neighbour.Session);
            var weight = neighbour.Similarity * (Config.SequentialWeighting ? SequentialWeight(prompt, workspace, items) : 1.0);
            foreach (var item in items)
            {
                if (Config.FilterPromptItems && workspace.PromptPosition(item) != 0)
                {
                    continue;
                }

                if (Config.SequentialFilter && allowed.BinarySearch(item) < 0)
                {
                    continue;
                }

                if (!scored[item])
                {
                    scored[item] = true;
                    touched.Add(item);
                }

                scores[item] += weight;
            }
        }

        foreach (var item in touched)
        {
            var score = scores[item];
            scores[item] = 0;
            scored[item] = false;
            slate.Add(new ScoredItem(item, Config.IdfWeighting ? score * index.Idf(item) : score));
        }
    }

    /// <summary>p / |prompt|, p = the 1-based prompt position of the latest prompt item the neighbour holds (0 if none).</summary>
    private static double SequentialWeight(KnnPrompt prompt, KnnWorkspace workspace, ReadOnlySpan<int> neighbourItems)
    {
        var latest = 0;
        foreach (var item in neighbourItems)
        {
            latest = Math.Max(latest, workspace.PromptPosition(item));
        }

        return (double)latest / prompt.Count;
    }

    /// <summary>Higher similarity first; equal similarities in the source's order.</summary>
    private readonly struct ClosestFirst : IComparer<(Neighbour Neighbour, int Order)>
    {
        public int Compare((Neighbour Neighbour, int Order) x, (Neighbour Neighbour, int Order) y)
        {
            var bySimilarity = y.Neighbour.Similarity.CompareTo(x.Neighbour.Similarity);
            return bySimilarity != 0 ? bySimilarity : x.Order.CompareTo(y.Order);
        }
    }

    /// <summary>Higher score first; equal scores by catalog index.</summary>
    private readonly struct BestFirst : IComparer<ScoredItem>
    {
        public int Compare(ScoredItem x, ScoredItem y)
        {
            var byScore = y.Score.CompareTo(x.Score);
            return byScore != 0 ? byScore : x.Item.CompareTo(y.Item);
        }
    }
}
