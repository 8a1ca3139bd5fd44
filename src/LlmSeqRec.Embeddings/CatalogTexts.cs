using LlmSeqRec.Data;

namespace LlmSeqRec.Embeddings;

/// <summary>
/// The texts to embed for a catalog: one per item from the template (null when the item has none), the distinct
/// texts in first-seen order (one request each: duplicate titles are common in product catalogs) and, per item,
/// the row of its text among the distinct ones.
/// </summary>
public sealed class CatalogTexts
{
    private readonly int[] _sourceRow;

    private CatalogTexts(string?[] texts, IReadOnlyList<string> distinct, int[] sourceRow)
    {
        Texts = texts;
        Distinct = distinct;
        _sourceRow = sourceRow;
    }

    /// <summary>The text of every item (null = no text: the item gets a zero vector).</summary>
    public IReadOnlyList<string?> Texts { get; }

    /// <summary>The distinct texts, in first-seen order: what is sent to the provider.</summary>
    public IReadOnlyList<string> Distinct { get; }

    /// <summary>Items without text.</summary>
    public int WithoutText => _sourceRow.Count(r => r < 0);

    /// <summary>The texts of <paramref name="catalog"/> under <paramref name="template"/>.</summary>
    public static CatalogTexts Of(Catalog catalog, ItemTextTemplate template)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(template);
        var texts = new string?[catalog.Count];
        var distinct = new List<string>();
        var rowOfText = new Dictionary<string, int>(StringComparer.Ordinal);
        var sourceRow = new int[texts.Length];
        for (var item = 0; item < texts.Length; item++)
        {
            if ((texts[item] = template.Render(catalog, item)) is not { } text)
            {
                sourceRow[item] = -1;
                continue;
            }

            if (!rowOfText.TryGetValue(text, out var row))
            {
                row = distinct.Count;
                rowOfText.Add(text, row);
                distinct.Add(text);
            }

            sourceRow[item] = row;
        }

        return new CatalogTexts(texts, distinct, sourceRow);
    }

    /// <summary>The content address of these texts embedded with <paramref name="model"/> (<see cref="EmbeddingStore.Key"/>).</summary>
    public string Key(EmbeddingModelId model) => EmbeddingStore.Key(model, Texts);

    /// <summary>
    /// The item matrix from the vectors of the distinct texts (<see cref="Distinct"/> order, row-major): each item
    /// gets its text's vector, items without text a zero row.
    /// </summary>
    /// <exception cref="InvalidOperationException">The number of values does not match the distinct texts.</exception>
    public EmbeddingMatrix Assemble(EmbeddingModelId model, IReadOnlyList<string> itemIds, ReadOnlySpan<float> distinctVectors)
    {
        var dims = model.Dimensions;
        if (distinctVectors.Length != (long)Distinct.Count * dims)
        {
            throw new InvalidOperationException($"{model.Provider}/{model.Name} returned {distinctVectors.Length} values for {Distinct.Count} texts of {dims} dimensions");
        }

        var values = new float[(long)_sourceRow.Length * dims];
        for (var item = 0; item < _sourceRow.Length; item++)
        {
            if (_sourceRow[item] >= 0)
            {
                distinctVectors.Slice(_sourceRow[item] * dims, dims).CopyTo(values.AsSpan(item * dims, dims));
            }
        }

        return new EmbeddingMatrix(model, itemIds, values, WithoutText);
    }
}
