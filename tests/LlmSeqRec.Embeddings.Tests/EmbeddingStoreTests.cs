using LlmSeqRec.Data;
using LlmSeqRec.Data.Artifacts;
using LlmSeqRec.Embeddings;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Embeddings.Tests;

public sealed class EmbeddingStoreTests
{
    private static readonly EmbeddingModelId MiniLm = new("local-onnx", "all-MiniLM-L6-v2", 3);

    private static EmbeddingMatrix Matrix() =>
        new(MiniLm, ["a", "b"], [0.5f, -1.25f, 3e-8f, 0, 0, 0], zeroRows: 1);

    [Fact]
    public void Key_depends_on_model_dimensions_and_every_text()
    {
        string?[] texts = ["Rose Cream", null];
        var key = EmbeddingStore.Key(MiniLm, texts);

        Assert.Equal(key, EmbeddingStore.Key(MiniLm with { }, ["Rose Cream", null]));
        Assert.NotEqual(key, EmbeddingStore.Key(MiniLm with { Dimensions = 4 }, texts));
        Assert.NotEqual(key, EmbeddingStore.Key(MiniLm with { Provider = "azure-openai" }, texts));
        Assert.NotEqual(key, EmbeddingStore.Key(MiniLm, ["Rose Cream", ""]));
        Assert.NotEqual(key, EmbeddingStore.Key(MiniLm, [null, "Rose Cream"]));
    }

    [Fact]
    public void Write_then_read_round_trips_bit_for_bit()
    {
        using var dir = new TempDirectory();
        var store = new EmbeddingStore(dir.Path);

        Assert.Equal(WriteOutcome.Created, store.Write("k1", Matrix(), "title"));
        var read = store.TryRead("k1")!;

        Assert.Equal(MiniLm, read.Model);
        Assert.Equal(["a", "b"], read.ItemIds);
        Assert.Equal(Matrix().Values, read.Values);
        Assert.Equal(1, read.ZeroRows);
        Assert.Equal([0.5f, -1.25f, 3e-8f], read.Row(0).ToArray());
    }

    [Fact]
    public void A_stored_key_is_not_written_again_and_no_temp_folders_remain()
    {
        using var dir = new TempDirectory();
        var store = new EmbeddingStore(dir.Path);
        store.Write("k1", Matrix(), "title");

        Assert.Equal(WriteOutcome.Unchanged, store.Write("k1", Matrix(), "title"));
        Assert.Equal([store.FolderOf("k1")], Directory.GetDirectories(dir.Path));
    }

    [Fact]
    public void Missing_key_reads_as_null()
    {
        using var dir = new TempDirectory();

        Assert.Null(new EmbeddingStore(dir.Path).TryRead("nope"));
    }

    [Fact]
    public void A_truncated_vector_file_is_reported()
    {
        using var dir = new TempDirectory();
        var store = new EmbeddingStore(dir.Path);
        store.Write("k1", Matrix(), "title");
        var vectors = Path.Combine(store.FolderOf("k1"), "vectors.f32");
        File.WriteAllBytes(vectors, File.ReadAllBytes(vectors)[..8]);

        var e = Assert.Throws<DatasetFormatException>(() => store.TryRead("k1"));

        Assert.Contains("damaged", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matrix_refuses_values_that_do_not_fill_the_rows()
    {
        Assert.Throws<ArgumentException>(() => new EmbeddingMatrix(MiniLm, ["a", "b"], new float[5], 0));
    }
}
