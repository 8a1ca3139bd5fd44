namespace LlmSeqRec.Models.Neural;

/// <summary>Builds BERT4Rec and LLM2BERT4Rec recommenders from model settings (for <see cref="ModelRegistry"/>).</summary>
public static class Bert4RecFactory
{
    /// <summary>BERT4Rec: configuration from defaults (P2), preset and JSON overrides.</summary>
    public static NeuralRecommender Bert4Rec(ModelSettings settings, ModelServices services)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(services);
        var config = ModelConfiguration.Resolve("bert4rec", settings, new Bert4RecConfig(), Bert4RecConfig.Presets);
        if (config.Reduction is not null)
        {
            throw new ArgumentException("bert4rec has no reduction (that is llm2bert4rec)");
        }

        return NeuralRecommenderFactory.Create("BERT4Rec", config, settings, services, items => new Bert4RecModule(items, config), initializer: null);
    }

    /// <summary>LLM2BERT4Rec: BERT4Rec whose item-embedding rows start from the catalog's LLM embeddings reduced to emb, trainable.</summary>
    public static NeuralRecommender Llm2Bert4Rec(ModelSettings settings, ModelServices services)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(services);
        var config = ModelConfiguration.Resolve("llm2bert4rec", settings, new Bert4RecConfig(Reduction: SasRecConfig.LlmReduction), Bert4RecConfig.LlmPresets);
        var reduction = config.Reduction ?? SasRecConfig.LlmReduction;
        config = config with { Reduction = reduction };
        return NeuralRecommenderFactory.Create("LLM2BERT4Rec", config, settings, services, items => new Bert4RecModule(items, config),
            new LlmEmbeddingInitializer(services.RequireEmbeddings("llm2bert4rec"), reduction));
    }
}
