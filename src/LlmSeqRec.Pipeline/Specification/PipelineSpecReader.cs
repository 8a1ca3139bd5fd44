using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using LlmSeqRec.Embeddings;
using LlmSeqRec.Models;

namespace LlmSeqRec.Pipeline.Specification;

/// <summary>
/// Reads a pipeline spec from JSON (camelCase fields; unknown fields are errors), fills in the defaults and
/// validates every field, collecting all problems with their JSON paths instead of stopping at the first.
/// </summary>
public static partial class PipelineSpecReader
{
    /// <summary>The models a spec without <c>models</c> runs: the CPU models of the main job.</summary>
    public static IReadOnlyList<ModelSpec> DefaultModels { get; } =
        [new("popularity"), new("vsknn", "p1"), new("llmseqsim"), new("sknnemb")];

    /// <summary>JSON conventions of specs (also used to write them back).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly string[] Providers = ["local", "azure-openai"];
    private static readonly string[] MetricNames = ["NDCG", "HitRate", "MRR", "CatalogCoverage", "Serendipity", "Novelty"];

    /// <summary>Parses and validates <paramref name="json"/>; the result has every default filled in.</summary>
    /// <exception cref="PipelineSpecException">The JSON is malformed or a field is invalid; the errors name the fields.</exception>
    public static PipelineSpec Read(string json)
    {
        PipelineSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<PipelineSpec>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            throw new PipelineSpecException([new SpecError(e.Path ?? "$", FirstSentence(e.Message) + where)]);
        }

        if (spec is null)
        {
            throw new PipelineSpecException([new SpecError("$", "the spec is empty (null)")]);
        }

        return Validate(spec);
    }

    /// <summary>Fills in the defaults of <paramref name="spec"/> and validates it.</summary>
    /// <exception cref="PipelineSpecException">A field is invalid; the errors name every one.</exception>
    public static PipelineSpec Validate(PipelineSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var complete = spec with
        {
            Embedding = spec.Embedding ?? new EmbeddingSpec(),
            Models = spec.Models ?? DefaultModels,
            Cutoffs = spec.Cutoffs ?? [10, 20],
            Gate = spec.Gate ?? new PromotionGate(),
            Worker = spec.Worker ?? new WorkerPolicy(),
        };
        var errors = new List<SpecError>();
        CheckDataset(complete.Dataset, errors);
        CheckEmbedding(complete.Embedding!, errors);
        CheckModels(complete.Models!, errors);
        CheckCutoffs(complete.Cutoffs!, errors);
        CheckGate(complete.Gate!, complete.Cutoffs!, errors);
        CheckWorker(complete.Worker!, errors);
        return errors.Count == 0 ? complete : throw new PipelineSpecException(errors);
    }

    private static void CheckDataset(DatasetSpec? dataset, List<SpecError> errors)
    {
        if (dataset is null)
        {
            errors.Add(new("$.dataset", "required: { \"source\": \"demo\" | <folder> | <https URL of a .zip> | store:<prefix> }"));
            return;
        }

        if (string.IsNullOrWhiteSpace(dataset.Source))
        {
            errors.Add(new("$.dataset.source", "required: demo, a folder, an http(s) URL of a .zip, or store:<prefix>"));
        }
        else if (DatasetSource.Parse(dataset.Source) is { Error: { } problem })
        {
            errors.Add(new("$.dataset.source", problem));
        }

        if (dataset.Name is { } name && !SafeName().IsMatch(name))
        {
            errors.Add(new("$.dataset.name", $"'{name}' must be 1-64 letters, digits, '.', '_' or '-'"));
        }

        if (dataset.KCore < 0)
        {
            errors.Add(new("$.dataset.kCore", $"must be 0 (off) or more, got {dataset.KCore}"));
        }

        if (dataset.TestFraction is <= 0 or >= 1)
        {
            errors.Add(new("$.dataset.testFraction", $"must be between 0 and 1 (exclusive), got {dataset.TestFraction}"));
        }

        if (dataset.Folds is < 0 or > 20)
        {
            errors.Add(new("$.dataset.folds", $"must be 0-20, got {dataset.Folds}"));
        }
    }

    private static void CheckEmbedding(EmbeddingSpec embedding, List<SpecError> errors)
    {
        if (!Providers.Contains(embedding.Provider))
        {
            errors.Add(new("$.embedding.provider", $"unknown provider '{embedding.Provider}'; one of {string.Join(", ", Providers)}"));
        }

        try
        {
            ItemTextTemplate.Parse(embedding.Template);
        }
        catch (ArgumentException e)
        {
            errors.Add(new("$.embedding.template", e.Message));
        }

        if (embedding.BatchSize is < 1 or > 100_000)
        {
            errors.Add(new("$.embedding.batchSize", $"must be 1-100000, got {embedding.BatchSize}"));
        }

        if (embedding.AzureEndpoint is { } endpoint && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            errors.Add(new("$.embedding.azureEndpoint", $"must be an absolute http(s) URL, got '{endpoint}'"));
        }

        if (embedding.Dimensions is < 1)
        {
            errors.Add(new("$.embedding.dimensions", $"must be positive, got {embedding.Dimensions}"));
        }
    }

    private static void CheckModels(IReadOnlyList<ModelSpec> models, List<SpecError> errors)
    {
        if (models.Count == 0)
        {
            errors.Add(new("$.models", "at least one model is needed"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < models.Count; i++)
        {
            var model = models[i];
            var path = $"$.models[{i}]";
            if (model is null || string.IsNullOrWhiteSpace(model.Name))
            {
                errors.Add(new($"{path}.name", $"required; one of {string.Join(", ", ModelRegistry.Names)}"));
                continue;
            }

            if (PlannedModels.ReasonFor(model.Name) is not null)
            {
                seen.Add(model.Slug);
                continue;
            }

            if (!ModelRegistry.Names.Contains(model.Name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new($"{path}.name", $"unknown model '{model.Name}'; one of {string.Join(", ", ModelRegistry.Names)}"));
                continue;
            }

            if (!seen.Add(model.Slug))
            {
                errors.Add(new(path, $"'{model.Slug}' appears twice: give the copies different presets or seeds"));
            }

            try
            {
                // Building the model resolves its preset and configuration without fitting anything.
                using var built = ModelRegistry.Create(model.Name, ToSettings(model), new ModelServices(UnusedEmbeddings.Instance)) as IDisposable;
            }
            catch (ArgumentException e)
            {
                errors.Add(new(model.Config is null || e.Message.Contains("preset", StringComparison.Ordinal) ? $"{path}.preset" : $"{path}.config", e.Message));
            }
        }
    }

    private static void CheckCutoffs(IReadOnlyList<int> cutoffs, List<SpecError> errors)
    {
        if (cutoffs.Count == 0 || cutoffs.Any(k => k is < 1 or > 1000) || cutoffs.Distinct().Count() != cutoffs.Count)
        {
            errors.Add(new("$.cutoffs", $"must be distinct cutoffs from 1 to 1000, got [{string.Join(", ", cutoffs)}]"));
        }
    }

    private static void CheckGate(PromotionGate gate, IReadOnlyList<int> cutoffs, List<SpecError> errors)
    {
        var parts = gate.Metric.Split('@');
        if (parts.Length != 2 || !MetricNames.Contains(parts[0]) || !int.TryParse(parts[1], out var k) || !cutoffs.Contains(k))
        {
            errors.Add(new("$.gate.metric", $"'{gate.Metric}' must be <metric>@<cutoff> with a metric of {string.Join(", ", MetricNames)} and a cutoff of the run ({string.Join(", ", cutoffs)})"));
        }

        if (gate.Margin < 0 || double.IsNaN(gate.Margin))
        {
            errors.Add(new("$.gate.margin", $"must be 0 or more, got {gate.Margin}"));
        }
    }

    private static void CheckWorker(WorkerPolicy worker, List<SpecError> errors)
    {
        if (worker.TimeoutMinutes <= 0 || double.IsNaN(worker.TimeoutMinutes) || worker.TimeoutMinutes > 7 * 24 * 60)
        {
            errors.Add(new("$.worker.timeoutMinutes", $"must be more than 0 and at most a week, got {worker.TimeoutMinutes}"));
        }

        if (worker.MaxAttempts is < 1 or > 10)
        {
            errors.Add(new("$.worker.maxAttempts", $"must be 1-10, got {worker.MaxAttempts}"));
        }
    }

    /// <summary>The registry settings of a model spec.</summary>
    public static ModelSettings ToSettings(ModelSpec model) => new(Preset: model.Preset, Config: model.Config, Seed: model.Seed);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex SafeName();

    /// <summary>Stands in for embeddings while a model is only built to check its configuration; never read.</summary>
    private sealed class UnusedEmbeddings : IItemEmbeddingSource
    {
        public static UnusedEmbeddings Instance { get; } = new();

        public Task<EmbeddingMatrix> GetAsync(Data.Catalog catalog, IProgress<EmbeddingProgress>? progress = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("a model built for validation was asked for embeddings");
    }
}
