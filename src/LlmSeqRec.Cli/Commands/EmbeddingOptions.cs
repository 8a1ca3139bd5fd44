using System.CommandLine;
using LlmSeqRec.Embeddings;
using LlmSeqRec.Cli.Terminal;
using LlmSeqRec.Embeddings.Providers;
using LlmSeqRec.Models;

namespace LlmSeqRec.Cli.Commands;

/// <summary>The options that choose an embedding provider, the item-text template and the embeddings store.</summary>
internal sealed class EmbeddingOptions
{
    /// <summary>Environment variable naming the cache folder (embeddings artifacts go under it).</summary>
    public const string CacheVariable = "LLMSEQREC_CACHE_DIR";

    public Option<string> Provider { get; } = new("--provider")
    {
        Description = "Embedding provider: local (all-MiniLM-L6-v2 on ONNX Runtime, offline) or azure-openai.",
        DefaultValueFactory = _ => "local",
    };

    public Option<string> Template { get; } = new("--template")
    {
        Description = "Item text: title (the papers' choice) or title-brand-categories.",
        DefaultValueFactory = _ => "title",
    };

    public Option<string?> Artifact { get; } = new("--embeddings")
    {
        Description = "An embeddings artifact folder (printed by `llmseqrec embed`) to use instead of embedding the catalog; its ids must cover the catalog.",
    };

    public Option<string?> Store { get; } = new("--embeddings-store")
    {
        Description = $"Folder of the content-addressed embeddings artifacts (default: ${CacheVariable}/embeddings, else ~/.cache/llmseqrec/embeddings).",
    };

    public Option<int?> Threads { get; } = new("--threads") { Description = "Threads of the local embedding model and of libtorch (default: all cores)." };

    public Option<string> Precision { get; } = new("--local-precision")
    {
        Description = "Local model weights: fp32 (as published) or int8 (dense layers quantized: about twice as fast, vectors within ~1% cosine).",
        DefaultValueFactory = _ => "fp32",
    };

    public Option<string?> AzureEndpoint { get; } = new("--azure-endpoint")
    {
        Description = "Azure OpenAI endpoint, e.g. https://<resource>.openai.azure.com (default: $AZURE_OPENAI_ENDPOINT). " +
                      "The key comes from $AZURE_OPENAI_API_KEY when set, else Entra ID (DefaultAzureCredential).",
    };

    public Option<string?> AzureDeployment { get; } = new("--azure-deployment") { Description = "Azure OpenAI embedding deployment name (default: $AZURE_OPENAI_EMBEDDING_DEPLOYMENT)." };

    public Option<string> AzureModel { get; } = new("--azure-model")
    {
        Description = "The deployment's model: text-embedding-3-small, text-embedding-3-large or text-embedding-ada-002.",
        DefaultValueFactory = _ => "text-embedding-3-small",
    };

    public Option<int?> Dimensions { get; } = new("--dimensions") { Description = "Reduced output dimensions (text-embedding-3-* only)." };

    public Option<int> Concurrency { get; } = new("--max-concurrency") { Description = "Requests in flight at once.", DefaultValueFactory = _ => 4 };

    /// <summary>Adds the options to <paramref name="command"/>; without <paramref name="withStore"/> the command names the store itself (embed --output) and takes no artifact.</summary>
    public void AddTo(Command command, bool withStore = true)
    {
        Provider.AcceptOnlyFromAmong("local", "azure-openai");
        Template.AcceptOnlyFromAmong("title", "title-brand-categories");
        Precision.AcceptOnlyFromAmong("fp32", "int8");
        foreach (var option in new Option[] { Provider, Template, Threads, Precision, AzureEndpoint, AzureDeployment, AzureModel, Dimensions, Concurrency })
        {
            command.Options.Add(option);
        }

        if (withStore)
        {
            command.Options.Add(Store);
            command.Options.Add(Artifact);
        }
    }

    /// <summary>The default store folder when none is given.</summary>
    public static string DefaultStore()
    {
        var cache = Environment.GetEnvironmentVariable(CacheVariable);
        if (string.IsNullOrWhiteSpace(cache))
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            cache = Path.Combine(
                string.IsNullOrWhiteSpace(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg,
                "llmseqrec");
        }

        return Path.Combine(cache, "embeddings");
    }

    /// <summary>The provider chosen on the command line. Dispose it when done.</summary>
    public IEmbeddingProvider CreateProvider(ParseResult result) => result.GetValue(Provider) switch
    {
        "azure-openai" => CreateAzureOpenAi(result),
        _ => new LocalOnnxEmbeddingProvider(
            result.GetValue(Threads),
            precision: result.GetValue(Precision) == "int8" ? LocalModelPrecision.Quantized8Bit : LocalModelPrecision.Fp32),
    };

    private AzureOpenAiEmbeddingProvider CreateAzureOpenAi(ParseResult result)
    {
        var endpoint = result.GetValue(AzureEndpoint) ?? Environment.GetEnvironmentVariable("AZURE_OPENAI_ENDPOINT");
        var deployment = result.GetValue(AzureDeployment) ?? Environment.GetEnvironmentVariable("AZURE_OPENAI_EMBEDDING_DEPLOYMENT");
        if (string.IsNullOrWhiteSpace(endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"--provider azure-openai needs --azure-endpoint (or $AZURE_OPENAI_ENDPOINT) as an absolute URL, got '{endpoint}'");
        }

        if (string.IsNullOrWhiteSpace(deployment))
        {
            throw new ArgumentException("--provider azure-openai needs --azure-deployment (or $AZURE_OPENAI_EMBEDDING_DEPLOYMENT)");
        }

        var options = new AzureOpenAiEmbeddingOptions
        {
            Endpoint = uri,
            Deployment = deployment,
            Model = result.GetValue(AzureModel)!,
            Dimensions = result.GetValue(Dimensions),
            MaxConcurrency = result.GetValue(Concurrency),
        };
        options.Validate();
        return AzureOpenAiEmbeddingProvider.FromEnvironment(options);
    }

    /// <summary>An item embedder over the chosen provider, template and store.</summary>
    public ItemEmbedder CreateEmbedder(ParseResult result, IEmbeddingProvider provider, string? storeOverride = null) => new(
        provider,
        new EmbeddingStore(storeOverride ?? result.GetValue(Store) ?? DefaultStore()),
        ItemTextTemplate.Parse(result.GetValue(Template)!));

    /// <summary>Model services whose item embeddings come from the chosen provider through the store; the lease disposes the provider.</summary>
    public (ModelServices Services, IDisposable Lease) Services(ParseResult result, ConsoleReporter reporter)
    {
        if (result.GetValue(Artifact) is { } artifact)
        {
            reporter.Info($"item embeddings: {Path.GetFullPath(artifact)} (given)");
            return (new ModelServices(new StoredItemEmbeddings(artifact)), NoLease.Instance);
        }

        var source = new LazyEmbeddingSource(() => CreateProvider(result), provider => CreateEmbedder(result, provider), reporter);
        return (new ModelServices(source), source);
    }

    /// <summary>Creates the provider only when a model asks for embeddings, and reports what it cost.</summary>
    private sealed class LazyEmbeddingSource(Func<IEmbeddingProvider> createProvider, Func<IEmbeddingProvider, ItemEmbedder> createEmbedder, ConsoleReporter reporter)
        : IItemEmbeddingSource, IDisposable
    {
        private IEmbeddingProvider? _provider;
        private (Data.Catalog Catalog, EmbeddingMatrix Matrix)? _last;

        public async Task<EmbeddingMatrix> GetAsync(Data.Catalog catalog, IProgress<EmbeddingProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            // Folds and the test split share one catalog: fetch its matrix once per process.
            if (_last is { } last && ReferenceEquals(last.Catalog, catalog))
            {
                return last.Matrix;
            }

            _provider ??= createProvider();
            var embedder = createEmbedder(_provider);
            var outcome = await embedder.EmbedAsync(catalog, progress, cancellationToken);
            reporter.Info(outcome.FromCache
                ? $"item embeddings: {outcome.Folder} (cached)"
                : $"item embeddings: {outcome.Folder}: {outcome.TextsEmbedded:N0} texts in {outcome.Elapsed.TotalSeconds:F1} s");
            _last = (catalog, outcome.Matrix);
            return outcome.Matrix;
        }

        public void Dispose() => (_provider as IDisposable)?.Dispose();
    }

    private sealed class NoLease : IDisposable
    {
        public static NoLease Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}
