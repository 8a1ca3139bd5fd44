namespace LlmSeqRec.Models.Neural;

/// <summary>Builds SASRec and LLM2SASRec recommenders from model settings (for <see cref="ModelRegistry"/>).</summary>
public static class SasRecFactory
{
    /// <summary>The seed when the settings give none.</summary>
    public const int DefaultSeed = 42;

    /// <summary>SASRec: configuration from defaults (P1), preset and JSON overrides.</summary>
    public static NeuralRecommender SasRec(ModelSettings settings, ModelServices services)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(services);
        var config = ModelConfiguration.Resolve("sasrec", settings, new SasRecConfig(), SasRecConfig.Presets);
        if (config.Reduction is not null)
        {
            throw new ArgumentException("sasrec has no reduction (that is llm2sasrec)");
        }

        return NeuralRecommenderFactory.Create("SASRec", config, settings, services, items => new SasRecModule(items, config), initializer: null);
    }

    /// <summary>
    /// LLM2SASRec: SASRec whose item-embedding rows start from the catalog's LLM embeddings reduced to emb (PCA by
    /// default, no normalisation), and stay trainable.
    /// </summary>
    public static NeuralRecommender Llm2SasRec(ModelSettings settings, ModelServices services)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(services);
        var config = ModelConfiguration.Resolve("llm2sasrec", settings, new SasRecConfig(Reduction: SasRecConfig.LlmReduction), SasRecConfig.LlmPresets);
        var reduction = config.Reduction ?? SasRecConfig.LlmReduction;
        config = config with { Reduction = reduction };
        return NeuralRecommenderFactory.Create("LLM2SASRec", config, settings, services, items => new SasRecModule(items, config),
            new LlmEmbeddingInitializer(services.RequireEmbeddings("llm2sasrec"), reduction));
    }
}
