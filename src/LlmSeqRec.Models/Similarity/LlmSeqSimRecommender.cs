using LlmSeqRec.Data;
using LlmSeqRec.Embeddings;
using LlmSeqRec.Embeddings.Reduction;

namespace LlmSeqRec.Models.Similarity;

/// <summary>
/// LLMSeqSim (Harte et al. 2023): recommends the catalog items whose LLM embeddings are most similar to the
/// session's embedding. No learning: "fitting" fetches the item embeddings of the whole catalog (and reduces them
/// when configured); prompts are scored in batches with one matrix product each.
/// </summary>
/// <param name="config">The options.</param>
/// <param name="embeddings">Where the catalog's item embeddings come from.</param>
public sealed class LlmSeqSimRecommender(LlmSeqSimConfig config, IItemEmbeddingSource embeddings) : IRecommender, IDisposable
{
    private SessionEmbedder? _sessions;
    private EmbeddingTopK? _search;

    /// <summary>The options.</summary>
    public LlmSeqSimConfig Config => config;

    /// <summary>The item embeddings in use after fitting (reduced when configured).</summary>
    public EmbeddingMatrix? ItemEmbeddings { get; private set; }

    /// <inheritdoc />
    public string Name => "LLMSeqSim";

    /// <inheritdoc />
    public async Task FitAsync(TrainingSet training, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (config.BatchSize < 1)
        {
            throw new ArgumentException($"batchSize must be positive, got {config.BatchSize}");
        }

        var matrix = await embeddings.GetAsync(
            training.Catalog,
            progress is null ? null : new SynchronousProgress<EmbeddingProgress>(p => progress.Report(new FitProgress("item embeddings", p.Total == 0 ? 1 : 0.9 * p.Done / p.Total))),
            cancellationToken).ConfigureAwait(false);
        if (config.Reduction is { } reduction)
        {
            progress?.Report(new FitProgress($"reduce ({reduction.Method})", 0.9));
            matrix = EmbeddingReduction.Apply(matrix, reduction, training.Catalog);
        }

        _search?.Dispose();
        ItemEmbeddings = matrix;
        _sessions = new SessionEmbedder(matrix.Values, matrix.Dimensions, config.Combination, config.Decay);
        _search = new EmbeddingTopK(matrix.Values, matrix.Rows, matrix.Dimensions, config.Similarity);
        progress?.Report(new FitProgress("ready", 1));
    }

    /// <inheritdoc />
    public IReadOnlyList<int[]> Recommend(IReadOnlyList<int[]> prompts, int topK, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var (sessions, search) = (_sessions, _search) is ({ } s, { } t) ? (s, t) : throw new InvalidOperationException("call FitAsync before Recommend");
        var result = new int[prompts.Count][];
        for (var start = 0; start < prompts.Count; start += config.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(config.BatchSize, prompts.Count - start);
            var queries = sessions.EmbedBatch(prompts, start, count);
            var exclude = config.FilterPromptItems ? Slice(prompts, start, count) : null;
            var found = search.Search(queries, count, topK, exclude);
            found.Items.CopyTo(result, start);
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _search?.Dispose();

    private static int[][] Slice(IReadOnlyList<int[]> prompts, int start, int count)
    {
        var slice = new int[count][];
        for (var i = 0; i < count; i++)
        {
            slice[i] = prompts[start + i];
        }

        return slice;
    }
}
