using LlmSeqRec.Data;
using LlmSeqRec.Embeddings;
using LlmSeqRec.Embeddings.Reduction;
using LlmSeqRec.Models.Similarity;

namespace LlmSeqRec.Models.Knn;

/// <summary>
/// SKNNEmb (Boz et al. 2024): session kNN whose neighbours are found by LLM session-embedding similarity
/// (<see cref="SessionEmbeddingNeighbours"/>) instead of item overlap; the scoring of the neighbours' items is SKNN's.
/// </summary>
/// <param name="config">The options.</param>
/// <param name="embeddings">Where the catalog's item embeddings come from.</param>
/// <param name="seed">Seed of random candidate sampling.</param>
public sealed class SknnEmbRecommender(SknnEmbConfig config, IItemEmbeddingSource embeddings, int seed = SessionKnnRecommender.DefaultSeed) : IRecommender
{
    private SessionKnnRecommender? _knn;

    /// <summary>The options.</summary>
    public SknnEmbConfig Config => config;

    /// <inheritdoc />
    public string Name => "SKNNEmb";

    /// <inheritdoc />
    public async Task FitAsync(TrainingSet training, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        var matrix = await embeddings.GetAsync(training.Catalog, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (config.Reduction is { } reduction)
        {
            progress?.Report(new FitProgress($"reduce ({reduction.Method})", 0.5));
            matrix = EmbeddingReduction.Apply(matrix, reduction, training.Catalog);
        }

        var promptSide = new SessionEmbedder(matrix.Values, matrix.Dimensions, config.PromptCombination, config.PromptDecay);
        var trainSide = new SessionEmbedder(matrix.Values, matrix.Dimensions, config.TrainCombination, config.TrainDecay);
        var neighbourhood = config.Neighbourhood();
        _knn = new SessionKnnRecommender(
            neighbourhood,
            seed,
            index => new SessionEmbeddingNeighbours(index, new CandidateSampler(index, neighbourhood.Sampling, neighbourhood.SampleSize, seed), promptSide, trainSide, config.Similarity),
            Name);
        await _knn.FitAsync(training, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IReadOnlyList<int[]> Recommend(IReadOnlyList<int[]> prompts, int topK, CancellationToken cancellationToken = default) =>
        (_knn ?? throw new InvalidOperationException("call FitAsync before Recommend")).Recommend(prompts, topK, cancellationToken);
}
