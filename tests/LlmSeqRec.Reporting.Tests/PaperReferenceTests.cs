using LlmSeqRec.Models;

namespace LlmSeqRec.Reporting.Tests;

public class PaperReferenceTests
{
    [Theory]
    [InlineData("amazon-beauty", true)]
    [InlineData("Amazon-Beauty", true)]
    [InlineData("../shared/data/amazon-beauty", true)]
    [InlineData("../shared/data/amazon-beauty/", true)]
    [InlineData("demo", false)]
    [InlineData("amazon-beauty-small", false)]
    [InlineData("", false)]
    public void RecognisesBeautyByName(string name, bool expected) => Assert.Equal(expected, PaperReference.IsBeauty(name));

    [Theory]
    [InlineData("vsknn", "NDCG@20", 0.047453)]
    [InlineData("vsknn:p1", "HitRate@20", 0.094652)]
    [InlineData("llmseqsim:p2", "NDCG@10", 0.043951)]
    [InlineData("LLM2BERT4Rec", "Serendipity@20", 0.109868)]
    [InlineData("popularity", "CatalogCoverage@10", 0.000826)]
    [InlineData("gru4rec", "Novelty@20", 11.635967)]
    [InlineData("bert4rec", "MRR@20", 0.026603)]
    [InlineData("llm2sasrec", "HitRate@20", 0.110)]
    [InlineData("llm2gru4rec", "NDCG@10", 0.028)]
    public void HasThePapersBeautyNumbers(string model, string metric, double expected) =>
        Assert.Equal(expected, PaperReference.Value(model, metric));

    [Fact]
    public void TheTableRowsHaveAllTwelveMetricsAndTheOnlineMaterialRowsFour()
    {
        Assert.Equal(10, PaperReference.Beauty.Count);
        Assert.Equal(8, PaperReference.Beauty.Count(r => r.Metrics.Count == 12));
        Assert.All(PaperReference.Beauty.Where(r => r.Metrics.Count != 12), r => Assert.Equal(4, r.Metrics.Count));
    }

    [Fact]
    public void ModelsWithoutAPaperRowHaveNone()
    {
        Assert.Null(PaperReference.For("sknnemb"));
        Assert.Null(PaperReference.Value("sasrec", "Recall@20"));
        Assert.Null(PaperReference.Value("llm2sasrec", "MRR@20"));
    }

    [Fact]
    public void EveryPaperModelButLlmSeqPromptIsARegisteredModel()
    {
        var ours = PaperReference.Beauty.Select(r => r.Model).Where(m => m != "llmseqprompt");
        Assert.All(ours, m => Assert.Contains(m, ModelRegistry.Names));
    }
}
