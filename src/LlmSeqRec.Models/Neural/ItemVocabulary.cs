using LlmSeqRec.Data;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// The item ids of a neural model: the items of the train sessions, numbered 0..Count-1 in catalog order (the
/// papers' "ID reducer"), plus the mask/padding token <see cref="MaskId"/> = Count (the extra embedding row).
/// </summary>
public sealed class ItemVocabulary
{
    private readonly int[] _idOfCatalogItem;

    private ItemVocabulary(int[] catalogItemOfId, int[] idOfCatalogItem)
    {
        CatalogItems = catalogItemOfId;
        _idOfCatalogItem = idOfCatalogItem;
    }

    /// <summary>Number of items the model scores (the mask token excluded).</summary>
    public int Count => CatalogItems.Count;

    /// <summary>The mask/padding token id (= <see cref="Count"/>).</summary>
    public int MaskId => Count;

    /// <summary>The catalog index of each model id.</summary>
    public IReadOnlyList<int> CatalogItems { get; }

    /// <summary>The items of the train sessions of <paramref name="training"/>.</summary>
    public static ItemVocabulary FromTraining(TrainingSet training)
    {
        ArgumentNullException.ThrowIfNull(training);
        var counts = training.ItemCounts();
        var idOf = new int[counts.Length];
        var items = new List<int>();
        for (var item = 0; item < counts.Length; item++)
        {
            idOf[item] = counts[item] > 0 ? items.Count : -1;
            if (counts[item] > 0)
            {
                items.Add(item);
            }
        }

        return new ItemVocabulary([.. items], idOf);
    }

    /// <summary>
    /// The vocabulary of a stored model: its items by catalog id, in model-id order, looked up in
    /// <paramref name="catalog"/> (every one must be there).
    /// </summary>
    /// <exception cref="ArgumentException">An item id is missing from the catalog (the message names it).</exception>
    public static ItemVocabulary FromItemIds(Catalog catalog, IReadOnlyList<string> itemIds)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(itemIds);
        var idOf = Enumerable.Repeat(-1, catalog.Count).ToArray();
        var items = new int[itemIds.Count];
        for (var id = 0; id < itemIds.Count; id++)
        {
            if (!catalog.TryGetIndex(itemIds[id], out var item))
            {
                throw new ArgumentException($"the model's item '{itemIds[id]}' (model id {id}) is not in the catalog; load the model with the dataset it was trained on");
            }

            (items[id], idOf[item]) = (item, id);
        }

        return new ItemVocabulary(items, idOf);
    }

    /// <summary>The model id of catalog item <paramref name="catalogItem"/>, or -1 when it is not in the train sessions.</summary>
    public int IdOf(int catalogItem) =>
        (uint)catalogItem < (uint)_idOfCatalogItem.Length ? _idOfCatalogItem[catalogItem] : -1;

    /// <summary>The model ids of the known items of <paramref name="items"/>, in order (unknown items are skipped).</summary>
    public int[] Map(ReadOnlySpan<int> items)
    {
        var ids = new List<int>(items.Length);
        foreach (var item in items)
        {
            if (IdOf(item) is var id and >= 0)
            {
                ids.Add(id);
            }
        }

        return [.. ids];
    }
}
