using LlmSeqRec.Models.Similarity;

namespace LlmSeqRec.Models.Tests.Similarity;

public sealed class EmbeddingTopKTests
{
    // Items: e0 = (1, 0), e1 = (3, 0), e2 = (0, 2), e3 = (0, 0) (an item without text), e4 = (−1, 0).
    private static readonly float[] Items = [1, 0, 3, 0, 0, 2, 0, 0, -1, 0];

    private static TopKResult Search(SimilarityMeasure similarity, float[] query, int k, int[]? exclude = null)
    {
        using var search = new EmbeddingTopK(Items, 5, 2, similarity);
        return search.Search(query, 1, k, exclude is null ? null : [exclude]);
    }

    [Fact]
    public void Dot_ranks_by_inner_product()
    {
        // q = (1, 1): scores 1, 3, 2, 0, −1.
        var r = Search(SimilarityMeasure.Dot, [1, 1], 5);
        Assert.Equal([1, 2, 0, 3, 4], r.Items[0]);
        Assert.Equal([3f, 2f, 1f, 0f, -1f], r.Scores[0]);
    }

    [Fact]
    public void Cosine_ignores_length_and_scores_zero_vectors_zero()
    {
        // q = (2, 1): cos with e0, e1 = 2/√5, with e2 = 1/√5, with e3 = 0, with e4 = −2/√5.
        var r = Search(SimilarityMeasure.Cosine, [2, 1], 5);
        Assert.Equal(2 / MathF.Sqrt(5), r.Scores[0][0], 5);
        Assert.Equal(2 / MathF.Sqrt(5), r.Scores[0][1], 5);
        Assert.Equal(new[] { 0, 1 }, r.Items[0][..2].Order());
        Assert.Equal([2, 3, 4], r.Items[0][2..]);
        Assert.Equal(0f, r.Scores[0][3], 6);
    }

    [Fact]
    public void Euclidean_is_one_over_one_plus_distance()
    {
        // q = (1, 0): distances 0, 2, √5, 1, 2 → scores 1, 1/3, 1/(1+√5), 1/2, 1/3.
        var r = Search(SimilarityMeasure.Euclidean, [1, 0], 3);
        Assert.Equal([0, 3], r.Items[0][..2]);
        Assert.Equal([1f, 0.5f, 1f / 3], r.Scores[0], (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Excluded_items_never_appear_even_when_k_exceeds_what_is_left()
    {
        var r = Search(SimilarityMeasure.Dot, [1, 1], 5, exclude: [1, 2]);
        Assert.Equal([0, 3, 4], r.Items[0]);
    }

    [Fact]
    public void Batches_score_each_query_independently()
    {
        using var search = new EmbeddingTopK(Items, 5, 2, SimilarityMeasure.Dot);
        var r = search.Search([1, 0, 0, 1, -1, 0], 3, 1);
        Assert.Equal([[1], [2], [4]], r.Items);
    }

    [Fact]
    public void Shapes_are_checked()
    {
        Assert.Throws<ArgumentException>(() => new EmbeddingTopK(Items, 4, 2, SimilarityMeasure.Dot));
        using var search = new EmbeddingTopK(Items, 5, 2, SimilarityMeasure.Dot);
        Assert.Throws<ArgumentException>(() => search.Search([1, 0, 0], 1, 1));
    }
}
