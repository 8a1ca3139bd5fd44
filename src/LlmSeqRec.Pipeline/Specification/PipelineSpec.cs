using System.Text.Json;

namespace LlmSeqRec.Pipeline.Specification;

/// <summary>
/// What a training pipeline run does: the dataset and how to ingest it, the embedding provider, the models with
/// their configurations, the metric cutoffs, the promotion gate and the worker-job policy. Read from JSON by
/// <see cref="PipelineSpecReader"/>, which fills the defaults and validates every field.
/// </summary>
/// <param name="Dataset">Where the data comes from and how it is ingested.</param>
/// <param name="Embedding">The item-embedding provider (local ONNX model by default).</param>
/// <param name="Models">The models to run, each once.</param>
/// <param name="Cutoffs">Metric cutoffs (default 10 and 20).</param>
/// <param name="Gate">When the run's best model replaces the dataset's champion.</param>
/// <param name="Worker">Timeout and attempts of the jobs sent to the GPU worker.</param>
public sealed record PipelineSpec(
    DatasetSpec Dataset,
    EmbeddingSpec? Embedding = null,
    IReadOnlyList<ModelSpec>? Models = null,
    IReadOnlyList<int>? Cutoffs = null,
    PromotionGate? Gate = null,
    WorkerPolicy? Worker = null);

/// <summary>The dataset source and its ingestion options.</summary>
/// <param name="Source">
/// <c>demo</c> (the built-in demo dataset), a folder path (CSV dataset or Amazon 2014 dumps), an http(s) URL of a
/// .zip of such a folder, or <c>store:&lt;prefix&gt;</c> (files already in the artifact store).
/// </param>
/// <param name="Name">Display name of the dataset (default: from the source).</param>
/// <param name="KCore">Minimum interactions per session and item (0 disables).</param>
/// <param name="TestFraction">Share of sessions (latest by end time) in the test split.</param>
/// <param name="Folds">Forward-chaining validation folds.</param>
/// <param name="SkipBadLines">Skip and count malformed lines instead of failing on the first.</param>
/// <param name="DropUnknownItems">Drop interactions whose item is missing from the catalog instead of failing.</param>
public sealed record DatasetSpec(
    string Source,
    string? Name = null,
    int KCore = 5,
    decimal TestFraction = 0.2m,
    int Folds = 3,
    bool SkipBadLines = false,
    bool DropUnknownItems = false);

/// <summary>The item-embedding provider and item text.</summary>
/// <param name="Provider"><c>local</c> (all-MiniLM-L6-v2 on ONNX Runtime) or <c>azure-openai</c>.</param>
/// <param name="Template"><c>title</c> (the papers' choice) or <c>title-brand-categories</c>.</param>
/// <param name="BatchSize">Distinct item texts per embedding activity (the fan-out unit).</param>
/// <param name="AzureEndpoint">Azure OpenAI endpoint (default: the host's AZURE_OPENAI_ENDPOINT setting).</param>
/// <param name="AzureDeployment">Embedding deployment (default: the host's AZURE_OPENAI_EMBEDDING_DEPLOYMENT setting).</param>
/// <param name="AzureModel">The deployment's model.</param>
/// <param name="Dimensions">Reduced output dimensions (text-embedding-3-* only).</param>
public sealed record EmbeddingSpec(
    string Provider = "local",
    string Template = "title",
    int BatchSize = 2000,
    string? AzureEndpoint = null,
    string? AzureDeployment = null,
    string AzureModel = "text-embedding-3-small",
    int? Dimensions = null);

/// <summary>One model of the run.</summary>
/// <param name="Name">A model name of the registry (popularity, vsknn, llmseqsim, sasrec, llm2bert4rec, ...).</param>
/// <param name="Preset">A named configuration (p1, p2).</param>
/// <param name="Config">JSON fields laid over the preset.</param>
/// <param name="Seed">Seed of the model's randomness.</param>
public sealed record ModelSpec(string Name, string? Preset = null, JsonElement? Config = null, int? Seed = null)
{
    /// <summary>A readable, path-safe id of the model within a run: name, preset and seed (e.g. <c>sasrec-p1-s42</c>).</summary>
    public string Slug => string.Join('-', new[] { Name.ToLowerInvariant(), Preset?.ToLowerInvariant(), Seed is { } s ? $"s{s}" : null }
        .Where(part => part is not null));
}

/// <summary>The promotion gate: the run's best model becomes the champion when it beats the current one by the margin.</summary>
/// <param name="Metric">Gate metric (a metric name at a cutoff, e.g. NDCG@20).</param>
/// <param name="Margin">Minimum absolute improvement over the champion's score.</param>
public sealed record PromotionGate(string Metric = "NDCG@20", double Margin = 0.0);

/// <summary>How the pipeline waits for worker jobs.</summary>
/// <param name="TimeoutMinutes">How long one attempt may take before it counts as lost.</param>
/// <param name="MaxAttempts">Attempts per job, including the first.</param>
public sealed record WorkerPolicy(double TimeoutMinutes = 180, int MaxAttempts = 3);
