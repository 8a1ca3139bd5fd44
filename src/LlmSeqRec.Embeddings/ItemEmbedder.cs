using System.Diagnostics;
using LlmSeqRec.Data;

namespace LlmSeqRec.Embeddings;

/// <summary>
/// Embeds every item of a catalog: renders the item texts with a template, looks the result up in the
/// content-addressed <see cref="EmbeddingStore"/>, and only on a miss asks the provider, once per distinct text.
/// Items without text get a zero vector (the papers' choice), counted in the artifact's manifest.
/// </summary>
/// <param name="provider">The embedding model.</param>
/// <param name="store">Where embeddings artifacts live.</param>
/// <param name="template">How an item becomes text (title only by default, as in the papers).</param>
public sealed class ItemEmbedder(IEmbeddingProvider provider, EmbeddingStore store, ItemTextTemplate? template = null) : IItemEmbeddingSource
{
    /// <summary>The item-text template in use.</summary>
    public ItemTextTemplate Template { get; } = template ?? ItemTextTemplate.TitleOnly;

    /// <summary>The embedding model in use.</summary>
    public EmbeddingModelId Model => provider.Model;

    /// <inheritdoc />
    public async Task<EmbeddingMatrix> GetAsync(Catalog catalog, IProgress<EmbeddingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        (await EmbedAsync(catalog, progress, cancellationToken).ConfigureAwait(false)).Matrix;

    /// <summary>Embeds the catalog (or reads the artifact) and says what it cost.</summary>
    public async Task<ItemEmbeddings> EmbedAsync(Catalog catalog, IProgress<EmbeddingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var clock = Stopwatch.StartNew();
        var texts = CatalogTexts.Of(catalog, Template);
        var key = texts.Key(provider.Model);
        EmbeddingMatrix? stored;
        var damaged = false;
        try
        {
            stored = store.TryRead(key);
        }
        catch (Exception e) when (e is DatasetFormatException or IOException or System.Text.Json.JsonException)
        {
            // A damaged artifact (truncated vectors, broken manifest) is rebuilt and replaced, not trusted.
            stored = null;
            damaged = true;
        }

        if (stored is not null)
        {
            progress?.Report(new EmbeddingProgress(catalog.Count, catalog.Count));
            return new ItemEmbeddings(key, store.FolderOf(key), WithCatalogIds(stored, catalog), FromCache: true, TextsEmbedded: 0, clock.Elapsed);
        }

        var total = catalog.Count;
        var withoutText = texts.WithoutText;
        var distinct = texts.Distinct;
        var providerProgress = progress is null ? null : new SynchronousProgress<int>(done => progress.Report(new EmbeddingProgress(withoutText + (int)((long)done * (total - withoutText) / Math.Max(1, distinct.Count)), total)));
        var vectors = await provider.EmbedAsync(distinct, providerProgress, cancellationToken).ConfigureAwait(false);
        var matrix = texts.Assemble(provider.Model, catalog.Ids, vectors);
        store.Write(key, matrix, Template.Name, replace: damaged);
        progress?.Report(new EmbeddingProgress(total, total));
        return new ItemEmbeddings(key, store.FolderOf(key), matrix, FromCache: false, TextsEmbedded: distinct.Count, clock.Elapsed, RepairedDamage: damaged);
    }

    /// <summary>The same vectors labelled with this catalog's ids (the key covers texts, not ids).</summary>
    private static EmbeddingMatrix WithCatalogIds(EmbeddingMatrix stored, Catalog catalog)
    {
        if (stored.Rows != catalog.Count)
        {
            throw new InvalidOperationException($"embeddings artifact has {stored.Rows} rows for a catalog of {catalog.Count} items");
        }

        return stored.ItemIds.SequenceEqual(catalog.Ids, StringComparer.Ordinal)
            ? stored
            : new EmbeddingMatrix(stored.Model, catalog.Ids, stored.Values, stored.ZeroRows);
    }
}

/// <summary>Items embedded so far out of the catalog's total.</summary>
public sealed record EmbeddingProgress(int Done, int Total);

/// <summary>The outcome of embedding a catalog.</summary>
/// <param name="Key">The artifact's content address.</param>
/// <param name="Folder">The artifact's folder.</param>
/// <param name="Matrix">One row per catalog item.</param>
/// <param name="FromCache">True when the artifact already existed and the provider was not called.</param>
/// <param name="TextsEmbedded">Distinct texts sent to the provider.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="RepairedDamage">True when a damaged artifact under the same key was rebuilt and replaced.</param>
public sealed record ItemEmbeddings(string Key, string Folder, EmbeddingMatrix Matrix, bool FromCache, int TextsEmbedded, TimeSpan Elapsed, bool RepairedDamage = false);
