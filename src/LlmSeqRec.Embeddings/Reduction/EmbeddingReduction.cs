using LlmSeqRec.Data;
using TorchSharp;

namespace LlmSeqRec.Embeddings.Reduction;

/// <summary>Reduces a catalog embedding matrix as configured, then optionally L2-normalises the rows.</summary>
public static class EmbeddingReduction
{
    /// <summary>The reducer for <paramref name="config"/>; LDA reads class labels from the catalog.</summary>
    public static IDimensionReducer Create(ReductionConfig config, Catalog? catalog = null) => config.Method switch
    {
        ReductionMethod.Pca => new PcaReducer(config.Dimensions),
        ReductionMethod.Random => new GaussianRandomProjection(config.Dimensions, config.Seed),
        ReductionMethod.Lda => new LdaReducer(config.Dimensions, ClassLabels(catalog, config.ClassAttribute)),
        ReductionMethod.Autoencoder => new LinearAutoencoderReducer(config.Dimensions, config.Seed),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.Method, "unknown reduction"),
    };

    /// <summary>
    /// Fits the reduction on the whole matrix (as the papers do) and returns the reduced matrix. PCA and LDA cannot
    /// produce more dimensions than the matrix has: a larger target is capped at the embedding size.
    /// </summary>
    public static EmbeddingMatrix Apply(EmbeddingMatrix matrix, ReductionConfig config, Catalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(config);
        if (config.Method is ReductionMethod.Pca or ReductionMethod.Lda && config.Dimensions > matrix.Dimensions)
        {
            config = config with { Dimensions = matrix.Dimensions };
        }

        var reducer = Create(config, catalog);
        using var scope = torch.NewDisposeScope();
        var reduced = reducer.FitTransform(torch.tensor(matrix.Values, [matrix.Rows, matrix.Dimensions]));
        if (config.Normalize)
        {
            reduced = NormalizeRows(reduced);
        }

        var name = $"{matrix.Model.Name}+{reducer.Name}{(config.Normalize ? "+l2" : "")}";
        var model = new EmbeddingModelId(matrix.Model.Provider, name, (int)reduced.shape[1]);
        return new EmbeddingMatrix(model, matrix.ItemIds, reduced.contiguous().data<float>().ToArray(), matrix.ZeroRows);
    }

    /// <summary>Rows divided by their L2 norm; zero rows stay zero.</summary>
    public static torch.Tensor NormalizeRows(torch.Tensor rows)
    {
        var norms = rows.norm(1, keepdim: true);
        return rows / norms.where(norms > 0, torch.ones_like(norms));
    }

    /// <summary>Class labels for LDA: the index of each item's value of <paramref name="attribute"/>.</summary>
    /// <exception cref="ArgumentException">No item has the attribute.</exception>
    public static int[] ClassLabels(Catalog? catalog, string attribute)
    {
        ArgumentNullException.ThrowIfNull(catalog, nameof(catalog));
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = new int[catalog.Count];
        var labelled = 0;
        for (var item = 0; item < labels.Length; item++)
        {
            if (catalog.Attributes[item].TryGetValue(attribute, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                labelled++;
            }
            else
            {
                value = "";
            }

            if (!ids.TryGetValue(value, out var id))
            {
                id = ids.Count;
                ids.Add(value, id);
            }

            labels[item] = id;
        }

        return labelled > 0
            ? labels
            : throw new ArgumentException($"LDA needs class labels, but no item has the attribute '{attribute}' (set classAttribute in the reduction config)");
    }
}
