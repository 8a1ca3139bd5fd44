using LlmSeqRec.Models.Baselines;
using LlmSeqRec.Models.Knn;
using LlmSeqRec.Models.Neural;
using LlmSeqRec.Models.Similarity;

namespace LlmSeqRec.Models;

/// <summary>The models the tools can run, by command-line name.</summary>
public static class ModelRegistry
{
    private static readonly Dictionary<string, Func<ModelSettings, ModelServices, IRecommender>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["popularity"] = (s, _) => new PopularityRecommender(s.FilterPromptItems ?? false),
        ["llmseqsim"] = LlmSeqSim,
        ["sknnemb"] = SknnEmb,
        [SknnVariants.Sknn.Model] = (s, _) => SknnVariants.Sknn.Create(s),
        [SknnVariants.VSknn.Model] = (s, _) => SknnVariants.VSknn.Create(s),
        [SknnVariants.SSknn.Model] = (s, _) => SknnVariants.SSknn.Create(s),
        [SknnVariants.SfSknn.Model] = (s, _) => SknnVariants.SfSknn.Create(s),
        ["sasrec"] = SasRecFactory.SasRec,
        ["llm2sasrec"] = SasRecFactory.Llm2SasRec,
        ["gru4rec"] = Gru4RecFactory.Gru4Rec,
        ["llm2gru4rec"] = Gru4RecFactory.Llm2Gru4Rec,
        ["bert4rec"] = Bert4RecFactory.Bert4Rec,
        ["llm2bert4rec"] = Bert4RecFactory.Llm2Bert4Rec,
    };

    private static readonly HashSet<string> Neural = new(StringComparer.OrdinalIgnoreCase)
    {
        "sasrec", "llm2sasrec", "gru4rec", "llm2gru4rec", "bert4rec", "llm2bert4rec",
    };

    private static readonly HashSet<string> EmbeddingModels = new(StringComparer.OrdinalIgnoreCase)
    {
        "llmseqsim", "sknnemb", "llm2sasrec", "llm2gru4rec", "llm2bert4rec",
    };

    /// <summary>Names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>Whether the model trains a neural network (a GPU-worker job in the pipeline) rather than fitting on the CPU.</summary>
    public static bool IsNeural(string name) => Neural.Contains(name);

    /// <summary>Whether the model reads item embeddings.</summary>
    public static bool NeedsEmbeddings(string name) => EmbeddingModels.Contains(name);

    /// <summary>Creates a model by name.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    public static IRecommender Create(string name, ModelSettings? settings = null, ModelServices? services = null) =>
        Factories.TryGetValue(name, out var factory)
            ? factory(settings ?? new ModelSettings(), services ?? new ModelServices())
            : throw new ArgumentException($"unknown model '{name}'; available: {string.Join(", ", Names)}", nameof(name));

    private static LlmSeqSimRecommender LlmSeqSim(ModelSettings settings, ModelServices services)
    {
        var config = ModelConfiguration.Resolve("llmseqsim", settings, LlmSeqSimConfig.Default, LlmSeqSimConfig.Presets);
        return new LlmSeqSimRecommender(
            settings.FilterPromptItems is { } filter ? config with { FilterPromptItems = filter } : config,
            services.RequireEmbeddings("llmseqsim"));
    }

    private static SknnEmbRecommender SknnEmb(ModelSettings settings, ModelServices services)
    {
        var config = ModelConfiguration.Resolve("sknnemb", settings, new SknnEmbConfig(), SknnEmbConfig.Presets);
        return new SknnEmbRecommender(
            settings.FilterPromptItems is { } filter ? config with { FilterPromptItems = filter } : config,
            services.RequireEmbeddings("sknnemb"),
            settings.Seed ?? SessionKnnRecommender.DefaultSeed);
    }
}
