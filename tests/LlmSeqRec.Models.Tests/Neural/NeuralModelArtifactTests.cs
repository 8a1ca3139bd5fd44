using LlmSeqRec.Data;
using LlmSeqRec.Models.Neural;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Models.Tests.Neural;

[Collection(TorchRandomness.Name)]
public class NeuralModelArtifactTests
{
    private static readonly ModelSettings Settings = new(
        Config: System.Text.Json.JsonSerializer.SerializeToElement(new { maxLength = 6, embeddingDim = 16, maxEpochs = 3, batchSize = 32 }), Seed: 9);

    [Fact]
    public async Task A_saved_model_loads_into_a_fresh_recommender_and_recommends_the_same()
    {
        var training = SyntheticSessions.Successors(items: 20, sessions: 120);
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "sasrec");
        var prompts = Enumerable.Range(0, 20).Select(i => new[] { i, (i + 1) % 20 }).ToArray();

        using var trained = (NeuralRecommender)ModelRegistry.Create("sasrec", Settings, new ModelServices());
        await trained.FitAsync(training);
        trained.Save(path, training.Catalog);
        using var loaded = (NeuralRecommender)ModelRegistry.Create("sasrec", Settings, new ModelServices());
        var manifest = loaded.Load(path, training.Catalog);

        Assert.Equal(trained.Recommend(prompts, 10), loaded.Recommend(prompts, 10));
        Assert.Equal(trained.Outcome!.BestEpoch, manifest.BestEpoch);
        Assert.Equal(trained.Vocabulary!.Count, manifest.ItemIds.Count);
        Assert.Equal(SequenceTrainer.Save(trained.Module!), SequenceTrainer.Save(loaded.Module!));
        Assert.Empty(Directory.GetDirectories(folder.Path, "*.tmp-*"));
    }

    [Fact]
    public async Task A_model_with_other_settings_or_a_damaged_manifest_is_refused_with_the_reason()
    {
        var training = SyntheticSessions.Successors(items: 12, sessions: 60);
        using var folder = new TempDirectory();
        using (var trained = (NeuralRecommender)ModelRegistry.Create("sasrec", Settings with { Config = System.Text.Json.JsonSerializer.SerializeToElement(new { maxLength = 6, embeddingDim = 8, maxEpochs = 1 }) }, new ModelServices()))
        {
            await trained.FitAsync(training);
            trained.Save(folder.Path, training.Catalog);
        }

        using var other = (NeuralRecommender)ModelRegistry.Create("sasrec", Settings, new ModelServices());
        var mismatch = Assert.Throws<ArgumentException>(() => other.Load(folder.Path, training.Catalog));
        Assert.Contains("trained with", mismatch.Message, StringComparison.Ordinal);

        var manifestPath = Path.Combine(folder.Path, NeuralModelArtifact.ManifestFile);
        await File.WriteAllTextAsync(manifestPath, "{ \"format\": ");
        var damaged = Assert.Throws<DatasetFormatException>(() => other.Load(folder.Path, training.Catalog));
        Assert.Contains(manifestPath, damaged.Message, StringComparison.Ordinal);
    }
}
