using LlmSeqRec.Embeddings.Reduction;
using TorchSharp;

namespace LlmSeqRec.Models.Similarity;

/// <summary>
/// Exact top-k search of item vectors for a batch of query vectors: one matrix product per batch (TorchSharp, so
/// BLAS-speed), the similarity's elementwise finish, excluded items set to −∞, then torch's top-k.
/// </summary>
public sealed class EmbeddingTopK : IDisposable
{
    private readonly torch.Tensor _itemsT;
    private readonly torch.Tensor? _itemSquaredNorms;
    private readonly SimilarityMeasure _similarity;

    /// <param name="items">Item vectors, row-major.</param>
    /// <param name="rows">Number of items.</param>
    /// <param name="dimensions">Vector length.</param>
    /// <param name="similarity">How queries and items are compared.</param>
    public EmbeddingTopK(float[] items, int rows, int dimensions, SimilarityMeasure similarity)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Length != (long)rows * dimensions)
        {
            throw new ArgumentException($"{items.Length} values do not fill {rows} rows of {dimensions}", nameof(items));
        }

        using var scope = torch.NewDisposeScope();
        var matrix = torch.tensor(items, [rows, dimensions]);
        if (similarity == SimilarityMeasure.Cosine)
        {
            matrix = EmbeddingReduction.NormalizeRows(matrix);
        }

        _itemSquaredNorms = similarity == SimilarityMeasure.Euclidean ? matrix.square().sum(1).unsqueeze(0).MoveToOuterDisposeScope() : null;
        _itemsT = matrix.t().contiguous().MoveToOuterDisposeScope();
        _similarity = similarity;
        Items = rows;
        Dimensions = dimensions;
    }

    /// <summary>Number of items.</summary>
    public int Items { get; }

    /// <summary>Vector length.</summary>
    public int Dimensions { get; }

    /// <summary>
    /// The <paramref name="k"/> best items for each of <paramref name="count"/> queries (row-major in
    /// <paramref name="queries"/>), best first, never an item of that query's <paramref name="exclude"/> list.
    /// </summary>
    public TopKResult Search(float[] queries, int count, int k, IReadOnlyList<int[]>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (queries.Length != (long)count * Dimensions)
        {
            throw new ArgumentException($"{queries.Length} values do not fill {count} queries of {Dimensions}", nameof(queries));
        }

        var take = Math.Min(k, Items);
        if (count == 0 || take <= 0)
        {
            return new TopKResult(new int[count][], new float[count][]);
        }

        using var scope = torch.NewDisposeScope();
        var scores = Scores(torch.tensor(queries, [count, Dimensions]));
        var excluded = exclude is null ? 0 : Exclude(scores, exclude);
        var (values, indexes) = scores.topk(take, dim: 1, largest: true, sorted: true);
        var flatValues = values.contiguous().data<float>().ToArray();
        var flatIndexes = indexes.contiguous().data<long>().ToArray();
        var items = new int[count][];
        var itemScores = new float[count][];
        for (var q = 0; q < count; q++)
        {
            var row = flatValues.AsSpan(q * take, take);
            var valid = excluded == 0 ? take : CountFinite(row);
            items[q] = new int[valid];
            itemScores[q] = row[..valid].ToArray();
            for (var r = 0; r < valid; r++)
            {
                items[q][r] = (int)flatIndexes[(q * take) + r];
            }
        }

        return new TopKResult(items, itemScores);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _itemsT.Dispose();
        _itemSquaredNorms?.Dispose();
    }

    private torch.Tensor Scores(torch.Tensor queries)
    {
        switch (_similarity)
        {
            case SimilarityMeasure.Dot:
                return queries.mm(_itemsT);
            case SimilarityMeasure.Cosine:
                return EmbeddingReduction.NormalizeRows(queries).mm(_itemsT);
            default:
                // ‖q − e‖² = ‖q‖² + ‖e‖² − 2 q·e, clamped at 0 against rounding.
                var squared = queries.square().sum(1, keepdim: true) + _itemSquaredNorms! - (2 * queries.mm(_itemsT));
                return 1 / (1 + squared.clamp_min(0).sqrt());
        }
    }

    private int Exclude(torch.Tensor scores, IReadOnlyList<int[]> exclude)
    {
        var positions = new List<long>();
        for (var q = 0; q < exclude.Count && q < scores.shape[0]; q++)
        {
            foreach (var item in exclude[q])
            {
                if ((uint)item < (uint)Items)
                {
                    positions.Add(((long)q * Items) + item);
                }
            }
        }

        if (positions.Count > 0)
        {
            scores.view(-1).index_fill_(0, torch.tensor(positions.ToArray()), float.NegativeInfinity);
        }

        return positions.Count;
    }

    private static int CountFinite(ReadOnlySpan<float> sortedDescending)
    {
        var n = sortedDescending.Length;
        while (n > 0 && float.IsNegativeInfinity(sortedDescending[n - 1]))
        {
            n--;
        }

        return n;
    }
}

/// <summary>Top-k items per query (best first) and their similarity scores.</summary>
public sealed record TopKResult(int[][] Items, float[][] Scores);
