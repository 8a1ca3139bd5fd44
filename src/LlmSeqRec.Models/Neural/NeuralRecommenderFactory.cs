namespace LlmSeqRec.Models.Neural;

/// <summary>The part of building a neural recommender that every model shares: its spec from the configuration and the settings.</summary>
internal static class NeuralRecommenderFactory
{
    /// <summary>A recommender named <paramref name="name"/> whose module <paramref name="createModule"/> builds for a vocabulary size.</summary>
    public static NeuralRecommender Create<TConfig>(
        string name, TConfig config, ModelSettings settings, ModelServices services, Func<int, SequenceModule> createModule, IItemEmbeddingInitializer? initializer)
        where TConfig : INeuralModelConfig
    {
        var spec = new NeuralModelSpec(
            name,
            ModelConfiguration.Describe(config),
            config.MaxLength,
            config.Training(settings.Seed ?? SasRecFactory.DefaultSeed),
            config.Device,
            settings.FilterPromptItems ?? true,
            config.PredictionBatchSize);
        return new NeuralRecommender(spec, createModule, initializer, services.Checkpoints);
    }
}
