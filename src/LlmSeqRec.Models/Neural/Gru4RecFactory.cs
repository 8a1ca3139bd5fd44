namespace LlmSeqRec.Models.Neural;

/// <summary>Builds GRU4Rec and LLM2GRU4Rec recommenders from model settings (for <see cref="ModelRegistry"/>).</summary>
public static class Gru4RecFactory
{
    /// <summary>GRU4Rec: configuration from defaults (P1), preset and JSON overrides.</summary>
    public static NeuralRecommender Gru4Rec(ModelSettings settings, ModelServices services)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(services);
        var config = ModelConfiguration.Resolve("gru4rec", settings, new Gru4RecConfig(), Gru4RecConfig.Presets);
        if (config.Reduction is not null)
        {
            throw new ArgumentException("gru4rec has no reduction (that is llm2gru4rec)");
        }

        return NeuralRecommenderFactory.Create("GRU4Rec", config, settings, services, items => new Gru4RecModule(items, config), initializer: null);
    }

    /// <summary>LLM2GRU4Rec: GRU4Rec whose item-embedding rows start from the catalog's LLM embeddings reduced to emb, trainable.</summary>
    public static NeuralRecommender Llm2Gru4Rec(ModelSettings settings, ModelServices services)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(services);
        var config = ModelConfiguration.Resolve("llm2gru4rec", settings, new Gru4RecConfig(Reduction: SasRecConfig.LlmReduction), Gru4RecConfig.LlmPresets);
        var reduction = config.Reduction ?? SasRecConfig.LlmReduction;
        config = config with { Reduction = reduction };
        return NeuralRecommenderFactory.Create("LLM2GRU4Rec", config, settings, services, items => new Gru4RecModule(items, config),
            new LlmEmbeddingInitializer(services.RequireEmbeddings("llm2gru4rec"), reduction));
    }
}
