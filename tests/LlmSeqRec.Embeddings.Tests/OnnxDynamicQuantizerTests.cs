using LlmSeqRec.Embeddings.Providers;

namespace LlmSeqRec.Embeddings.Tests;

public sealed class OnnxDynamicQuantizerTests
{
    [Fact]
    public void Columns_are_scaled_by_their_own_maximum()
    {
        // 2 × 2, row-major: column 0 = (1, −0.25) → scale 1/127, codes 127, −31.75 → −32;
        // column 1 = (0.1, 0.4) → scale 0.4/127, codes 31.75 → 32, 127.
        var (codes, scales) = OnnxDynamicQuantizer.QuantizeColumns([1f, 0.1f, -0.25f, 0.4f], 2, 2);

        Assert.Equal([1f / 127, 0.4f / 127], scales);
        Assert.Equal([127, 32, -32, 127], codes.Select(b => (int)(sbyte)b));
    }

    [Fact]
    public void An_all_zero_column_keeps_scale_one_and_zero_codes()
    {
        var (codes, scales) = OnnxDynamicQuantizer.QuantizeColumns([0f, 0f], 2, 1);

        Assert.Equal([1f], scales);
        Assert.Equal([0, 0], codes.Select(b => (int)b));
    }

    [Fact]
    public void Bytes_that_are_not_a_model_are_refused() =>
        Assert.Throws<ArgumentException>(() => OnnxDynamicQuantizer.QuantizeMatMulWeights([0xFF, 0xFF, 0xFF, 0x01]));
}

/// <summary>The int8 variant of the real local model against the published fp32 one.</summary>
public sealed class LocalOnnxInt8Tests : IClassFixture<LocalOnnxEmbeddingProviderTests.Model>
{
    private static readonly string[] Titles =
    [
        "Maybelline Great Lash Mascara, Very Black",
        "L'Oreal Voluminous Mascara, Black",
        "Stainless steel garden hose nozzle",
        "Eucerin Original Healing Soothing Repair Creme, 16-Ounce Jars (Pack of 2)",
    ];

    private readonly LocalOnnxEmbeddingProvider _fp32;

    public LocalOnnxInt8Tests(LocalOnnxEmbeddingProviderTests.Model model) => _fp32 = model.Provider;

    [Fact]
    public async Task Quantized_vectors_stay_close_to_the_published_model_and_keep_their_own_identity()
    {
        using var int8 = new LocalOnnxEmbeddingProvider(threads: 2, precision: LocalModelPrecision.Quantized8Bit);

        var exact = await _fp32.EmbedAsync(Titles);
        var quantized = await int8.EmbedAsync(Titles);

        Assert.Equal("all-MiniLM-L6-v2-int8", int8.Model.Name);
        Assert.NotEqual(_fp32.Model, int8.Model);
        Assert.NotEqual(exact, quantized);
        for (var row = 0; row < Titles.Length; row++)
        {
            var cosine = Enumerable.Range(0, 384).Sum(d => (double)exact[(row * 384) + d] * quantized[(row * 384) + d]);
            Assert.InRange(cosine, 0.97, 1.0001);
        }
    }
}
