using LlmSeqRec.Data;
using LlmSeqRec.Embeddings;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Embeddings.Tests;

public sealed class StoredItemEmbeddingsTests
{
    private static readonly EmbeddingModelId Model = new("local-onnx", "all-MiniLM-L6-v2", 2);

    // An artifact of items a, b, c (c without text) written the way `llmseqrec embed` writes it.
    private static string WriteArtifact(TempDirectory dir)
    {
        var store = new EmbeddingStore(dir.Path);
        store.Write("k", new EmbeddingMatrix(Model, ["a", "b", "c"], [1, 2, 3, 4, 0, 0], zeroRows: 1), "title");
        return store.FolderOf("k");
    }

    [Fact]
    public async Task Rows_follow_the_catalog_order_by_item_id()
    {
        using var dir = new TempDirectory();
        var source = new StoredItemEmbeddings(WriteArtifact(dir));

        var matrix = await source.GetAsync(new Catalog(["c", "a"], [null, "A"]));

        Assert.Equal(["c", "a"], matrix.ItemIds);
        Assert.Equal([0f, 0, 1, 2], matrix.Values);
        Assert.Equal(1, matrix.ZeroRows);
        Assert.Equal(Model, matrix.Model);
    }

    [Fact]
    public async Task A_catalog_item_missing_from_the_artifact_is_named()
    {
        using var dir = new TempDirectory();
        var source = new StoredItemEmbeddings(WriteArtifact(dir));

        var error = await Assert.ThrowsAsync<DatasetFormatException>(() => source.GetAsync(new Catalog(["a", "zz"], ["A", "Z"])));

        Assert.Contains("'zz'", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 of the catalog's 2 items", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_that_is_no_artifact_is_refused()
    {
        using var dir = new TempDirectory();

        var error = await Assert.ThrowsAsync<DatasetFormatException>(() => new StoredItemEmbeddings(dir.Path).GetAsync(new Catalog(["a"], ["A"])));

        Assert.Contains("not an embeddings artifact", error.Message, StringComparison.Ordinal);
    }
}
