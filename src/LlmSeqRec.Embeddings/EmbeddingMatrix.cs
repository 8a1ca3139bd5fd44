namespace LlmSeqRec.Embeddings;

/// <summary>
/// Item embeddings: a row-major float32 matrix with one row per catalog item (dense index order), the external
/// item ids of the rows, and how many rows are zero because the item has no text.
/// </summary>
public sealed class EmbeddingMatrix
{
    /// <param name="model">The model that made the vectors.</param>
    /// <param name="itemIds">External item id of each row.</param>
    /// <param name="values">Rows × model.Dimensions values, row-major.</param>
    /// <param name="zeroRows">Rows left as zero vectors (items without text).</param>
    public EmbeddingMatrix(EmbeddingModelId model, IReadOnlyList<string> itemIds, float[] values, int zeroRows)
    {
        if (values.Length != (long)itemIds.Count * model.Dimensions)
        {
            throw new ArgumentException($"{values.Length} values do not fill {itemIds.Count} rows of {model.Dimensions}");
        }

        Model = model;
        ItemIds = itemIds;
        Values = values;
        ZeroRows = zeroRows;
    }

    /// <summary>The model that made the vectors.</summary>
    public EmbeddingModelId Model { get; }

    /// <summary>External item id of each row.</summary>
    public IReadOnlyList<string> ItemIds { get; }

    /// <summary>Row-major values.</summary>
    public float[] Values { get; }

    /// <summary>Number of rows.</summary>
    public int Rows => ItemIds.Count;

    /// <summary>Vector length.</summary>
    public int Dimensions => Model.Dimensions;

    /// <summary>Rows left as zero vectors (items without text).</summary>
    public int ZeroRows { get; }

    /// <summary>The vector of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * Dimensions, Dimensions);
}
