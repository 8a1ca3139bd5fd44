using LlmSeqRec.Data;
using LlmSeqRec.Embeddings.Providers;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Embeddings.Tests;

/// <summary>The item embedder over the real local model, counting what reaches the model.</summary>
public sealed class ItemEmbedderTests : IClassFixture<LocalOnnxEmbeddingProviderTests.Model>, IDisposable
{
    private readonly CountingProvider _provider;
    private readonly TempDirectory _temp = new();

    public ItemEmbedderTests(LocalOnnxEmbeddingProviderTests.Model model) => _provider = new CountingProvider(model.Provider);

    private static Catalog Catalog(params string?[] titles) =>
        new(titles.Select((_, i) => $"item{i}").ToArray(), titles);

    [Fact]
    public async Task Every_item_gets_a_row_duplicates_are_embedded_once_and_untitled_items_are_zero()
    {
        var embedder = new ItemEmbedder(_provider, new EmbeddingStore(_temp.Path));
        var catalog = Catalog("Rose Hand Cream", null, "Lavender Soap", "Rose Hand Cream");

        var result = await embedder.EmbedAsync(catalog);

        Assert.False(result.FromCache);
        Assert.Equal(2, result.TextsEmbedded);
        Assert.Equal([2], _provider.Calls);
        var m = result.Matrix;
        Assert.Equal((4, 384, 1), (m.Rows, m.Dimensions, m.ZeroRows));
        Assert.Equal(catalog.Ids, m.ItemIds);
        Assert.All(m.Row(1).ToArray(), v => Assert.Equal(0f, v));
        Assert.Equal(m.Row(0).ToArray(), m.Row(3).ToArray());
        Assert.NotEqual(m.Row(0).ToArray(), m.Row(2).ToArray());
        var direct = await _provider.Inner.EmbedAsync(["Lavender Soap"]);
        Assert.Equal(direct, m.Row(2).ToArray());
    }

    [Fact]
    public async Task A_second_run_over_the_same_texts_reads_the_artifact_without_calling_the_model()
    {
        var store = new EmbeddingStore(_temp.Path);
        var first = await new ItemEmbedder(_provider, store).EmbedAsync(Catalog("Rose Hand Cream", "Lavender Soap"));
        _provider.Calls.Clear();

        // Other ids, same texts: the vectors are reused and labelled with the new ids.
        var renamed = new Catalog(["x", "y"], ["Rose Hand Cream", "Lavender Soap"]);
        var second = await new ItemEmbedder(_provider, store).EmbedAsync(renamed);

        Assert.True(second.FromCache);
        Assert.Empty(_provider.Calls);
        Assert.Equal(first.Key, second.Key);
        Assert.Equal(first.Matrix.Values, second.Matrix.Values);
        Assert.Equal(["x", "y"], second.Matrix.ItemIds);
    }

    [Fact]
    public async Task A_damaged_artifact_is_rebuilt_and_replaced()
    {
        var store = new EmbeddingStore(_temp.Path);
        var catalog = Catalog("Rose Hand Cream", "Lavender Soap");
        var first = await new ItemEmbedder(_provider, store).EmbedAsync(catalog);
        var vectors = Path.Combine(first.Folder, "vectors.f32");
        File.WriteAllBytes(vectors, File.ReadAllBytes(vectors)[..100]);

        var repaired = await new ItemEmbedder(_provider, store).EmbedAsync(catalog);
        var again = await new ItemEmbedder(_provider, store).EmbedAsync(catalog);

        Assert.True(repaired.RepairedDamage);
        Assert.False(repaired.FromCache);
        Assert.Equal(first.Matrix.Values, repaired.Matrix.Values);
        Assert.Equal(2L * 384 * sizeof(float), new FileInfo(vectors).Length);
        Assert.True(again.FromCache);
    }

    [Fact]
    public async Task The_template_is_part_of_the_address()
    {
        var store = new EmbeddingStore(_temp.Path);
        var catalog = new Catalog(["a"], ["Rose Hand Cream"], [new Dictionary<string, string> { ["brand"] = "Acme" }]);

        var title = await new ItemEmbedder(_provider, store).EmbedAsync(catalog);
        var rich = await new ItemEmbedder(_provider, store, ItemTextTemplate.TitleBrandCategories).EmbedAsync(catalog);

        Assert.NotEqual(title.Key, rich.Key);
        Assert.False(rich.FromCache);
        Assert.NotEqual(title.Matrix.Values, rich.Matrix.Values);
    }

    [Fact]
    public async Task Progress_ends_at_the_catalog_size()
    {
        var reports = new List<EmbeddingProgress>();
        await new ItemEmbedder(_provider, new EmbeddingStore(_temp.Path)).EmbedAsync(Catalog("a b", "c d", null, "e f", "g h"), new SyncProgress(reports.Add));

        Assert.Equal(new EmbeddingProgress(5, 5), reports[^1]);
        Assert.True(reports.Select(r => r.Done).SequenceEqual(reports.Select(r => r.Done).Order()), "progress never goes back");
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>The real provider, with a record of the batch sizes it was asked for.</summary>
    private sealed class CountingProvider(LocalOnnxEmbeddingProvider inner) : IEmbeddingProvider
    {
        public LocalOnnxEmbeddingProvider Inner => inner;

        public List<int> Calls { get; } = [];

        public EmbeddingModelId Model => inner.Model;

        public Task<float[]> EmbedAsync(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
        {
            Calls.Add(texts.Count);
            return inner.EmbedAsync(texts, progress, cancellationToken);
        }
    }

    private sealed class SyncProgress(Action<EmbeddingProgress> report) : IProgress<EmbeddingProgress>
    {
        public void Report(EmbeddingProgress value) => report(value);
    }
}
