using LlmSeqRec.Data;
using LlmSeqRec.Embeddings;
using LlmSeqRec.Embeddings.Reduction;
using LlmSeqRec.Models.Neural;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Models.Tests.Neural;

[Collection(TorchRandomness.Name)]
public class NeuralTrainingTests
{
    private static readonly SasRecConfig Small = new(
        MaxLength: 8, Layers: 1, Heads: 1, EmbeddingDim: 32, Dropout: 0.1, LearningRate: 1e-2, ClipNorm: 5, BatchSize: 64, MaxEpochs: 15, Patience: 3);

    private static NeuralRecommender Create(SasRecConfig config, int seed = 3, ICheckpointStore? checkpoints = null, IItemEmbeddingInitializer? initializer = null) =>
        new(new NeuralModelSpec("SASRec", ModelConfiguration.Describe(config), config.MaxLength, config.Training(seed)),
            items => new SasRecModule(items, config), initializer, checkpoints);

    [Fact]
    public async Task Sasrec_learns_that_each_item_is_followed_by_the_next()
    {
        var training = SyntheticSessions.Successors(items: 30, sessions: 600);
        using var model = Create(Small);
        await model.FitAsync(training);

        var prompts = Enumerable.Range(0, 30).Select(i => new[] { (i + 28) % 30, (i + 29) % 30, i }).ToArray();
        var recommendations = model.Recommend(prompts, 10);
        var hits = prompts.Select((p, i) => recommendations[i].Contains((p[^1] + 1) % 30)).Count(h => h);

        Assert.True(hits >= 29, $"HitRate@10 {hits}/30 after {model.Outcome!.History.Count} epochs");
        Assert.All(recommendations.Select((r, i) => (r, i)), x => Assert.DoesNotContain(prompts[x.i][^1], x.r));
    }

    [Fact]
    public async Task Resuming_from_a_checkpoint_ends_like_an_uninterrupted_run()
    {
        var training = SyntheticSessions.Successors(items: 20, sessions: 200);
        var config = Small with { EmbeddingDim = 16, MaxEpochs = 4, Patience = 10 };
        using var uninterrupted = Create(config);
        await uninterrupted.FitAsync(training);

        using var folder = new TempDirectory();
        var store = new FileCheckpointStore(folder.Path);
        using (var interrupted = Create(config, checkpoints: store))
        {
            using var cancel = new CancellationTokenSource();
            var progress = new Progress(p =>
            {
                if (p.Stage == "train" && p.Detail!.StartsWith("epoch 2:", StringComparison.Ordinal))
                {
                    cancel.Cancel();
                }
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => interrupted.FitAsync(training, progress, cancel.Token));
        }

        Assert.Equal(2, (await store.LoadAsync())!.Epoch);
        using var resumed = Create(config, checkpoints: store);
        await resumed.FitAsync(training);

        Assert.Equal(2, resumed.Outcome!.ResumedFromEpoch);
        Assert.Equal(uninterrupted.Outcome!.History.Select(e => (e.Epoch, e.Loss, e.ValidationNdcg)), resumed.Outcome.History.Select(e => (e.Epoch, e.Loss, e.ValidationNdcg)));
        Assert.Equal(SequenceTrainer.Save(uninterrupted.Module!), SequenceTrainer.Save(resumed.Module!));
    }

    [Fact]
    public async Task A_checkpoint_of_another_run_is_refused()
    {
        var training = SyntheticSessions.Successors(items: 20, sessions: 100);
        using var folder = new TempDirectory();
        var store = new FileCheckpointStore(folder.Path);
        using (var first = Create(Small with { EmbeddingDim = 8, MaxEpochs = 1 }, checkpoints: store))
        {
            await first.FitAsync(training);
        }

        using var other = Create(Small with { EmbeddingDim = 8, MaxEpochs = 1 }, seed: 4, checkpoints: store);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => other.FitAsync(training));
        Assert.Contains("another run", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReductionMethod.Pca)]
    [InlineData(ReductionMethod.Random)]
    [InlineData(ReductionMethod.Lda)]
    [InlineData(ReductionMethod.Autoencoder)]
    public async Task Llm2sasrec_starts_from_the_reduced_llm_vectors_of_its_items(ReductionMethod method)
    {
        // Items 0..19 of a 24-item catalog are in the train sessions; 20..23 are not. LDA's classes: 8 categories.
        var training = SyntheticSessions.Successors(items: 20, sessions: 100);
        var categories = Enumerable.Range(0, 24).Select(i => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["categories"] = $"c{i % 8}" }).ToArray();
        var catalog = new Catalog(Enumerable.Range(0, 24).Select(i => $"i{i}").ToArray(), new string?[24], categories);
        training = training with { Catalog = catalog };
        var random = new Random(5);
        var vectors = Enumerable.Range(0, 24 * 12).Select(_ => (float)random.NextDouble()).ToArray();
        var matrix = new EmbeddingMatrix(new EmbeddingModelId("test", "random", 12), catalog.Ids, vectors, 0);
        var reduction = SasRecConfig.LlmReduction with { Method = method };
        var config = Small with { EmbeddingDim = 6, MaxEpochs = 0, Reduction = reduction };
        using var model = Create(config, initializer: new LlmEmbeddingInitializer(new FixedEmbeddings(matrix), reduction));

        await model.FitAsync(training);

        var reduced = EmbeddingReduction.Apply(matrix, new ReductionConfig(method, 6, Normalize: false), catalog);
        var table = model.Module!.ItemEmbeddings.data<float>().ToArray();
        Assert.Equal(21 * 6, table.Length);
        for (var id = 0; id < 20; id++)
        {
            Assert.Equal(reduced.Row(model.Vocabulary!.CatalogItems[id]).ToArray(), table.AsSpan(id * 6, 6).ToArray());
        }
    }

    private sealed class FixedEmbeddings(EmbeddingMatrix matrix) : IItemEmbeddingSource
    {
        public Task<EmbeddingMatrix> GetAsync(Catalog catalog, IProgress<EmbeddingProgress>? progress = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(matrix);
    }

    private sealed class Progress(Action<FitProgress> report) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => report(value);
    }
}
