namespace LlmSeqRec.Data;

/// <summary>
/// The items of a prepared dataset. Items are addressed by a dense index 0..Count-1 (catalog file order);
/// <see cref="Ids"/> maps it back to the input's item id.
/// </summary>
public sealed class Catalog
{
    private static readonly IReadOnlyDictionary<string, string> NoAttributes = new Dictionary<string, string>();
    private readonly Dictionary<string, int> _indexById;

    /// <param name="ids">External item ids, unique.</param>
    /// <param name="titles">Cleaned titles; null where the input has none.</param>
    /// <param name="attributes">Other metadata per item (may be empty).</param>
    public Catalog(string[] ids, string?[] titles, IReadOnlyDictionary<string, string>[]? attributes = null)
    {
        if (titles.Length != ids.Length || (attributes is not null && attributes.Length != ids.Length))
        {
            throw new ArgumentException("ids, titles and attributes must have one entry per item");
        }

        Ids = ids;
        Titles = titles;
        Attributes = attributes ?? Enumerable.Repeat(NoAttributes, ids.Length).ToArray();
        _indexById = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            if (!_indexById.TryAdd(ids[i], i))
            {
                throw new ArgumentException($"duplicate item id '{ids[i]}'");
            }
        }

        ItemsWithoutTitle = titles.Count(string.IsNullOrEmpty);
    }

    /// <summary>Number of items.</summary>
    public int Count => Ids.Count;

    /// <summary>External item ids by dense index.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>Cleaned titles by dense index; null or empty where the input has none.</summary>
    public IReadOnlyList<string?> Titles { get; }

    /// <summary>Other metadata by dense index (brand, categories, ... as text).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Attributes { get; }

    /// <summary>How many items have no title.</summary>
    public int ItemsWithoutTitle { get; }

    /// <summary>The dense index of an external item id.</summary>
    public bool TryGetIndex(string id, out int index) => _indexById.TryGetValue(id, out index);
}
