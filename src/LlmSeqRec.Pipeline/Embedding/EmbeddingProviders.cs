using System.Collections.Concurrent;
using LlmSeqRec.Embeddings;
using LlmSeqRec.Embeddings.Providers;
using LlmSeqRec.Pipeline.Specification;

namespace LlmSeqRec.Pipeline.Embedding;

/// <summary>Host settings of the embedding providers (the spec may override the Azure OpenAI endpoint and deployment).</summary>
/// <param name="LocalThreads">Threads of the local ONNX model (null: all cores).</param>
/// <param name="AzureEndpoint">Default Azure OpenAI endpoint (app setting AZURE_OPENAI_ENDPOINT).</param>
/// <param name="AzureDeployment">Default embedding deployment (app setting AZURE_OPENAI_EMBEDDING_DEPLOYMENT).</param>
public sealed record EmbeddingProviderSettings(int? LocalThreads = null, string? AzureEndpoint = null, string? AzureDeployment = null)
{
    /// <summary>The settings from the process environment.</summary>
    public static EmbeddingProviderSettings FromEnvironment(int? localThreads = null) => new(
        localThreads,
        Environment.GetEnvironmentVariable("AZURE_OPENAI_ENDPOINT"),
        Environment.GetEnvironmentVariable("AZURE_OPENAI_EMBEDDING_DEPLOYMENT"));
}

/// <summary>
/// The embedding providers of a host, one per distinct provider setting, created on first use and kept for the
/// host's lifetime (loading the local model or connecting a client once, not per activity).
/// </summary>
public sealed class EmbeddingProviders(EmbeddingProviderSettings settings) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<IEmbeddingProvider>> _providers = new(StringComparer.Ordinal);

    /// <summary>The provider for <paramref name="spec"/>.</summary>
    /// <exception cref="ArgumentException">The spec names an unknown provider or lacks the Azure OpenAI endpoint or deployment.</exception>
    public IEmbeddingProvider Get(EmbeddingSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var key = $"{spec.Provider}|{spec.AzureEndpoint}|{spec.AzureDeployment}|{spec.AzureModel}|{spec.Dimensions}";
        return _providers.GetOrAdd(key, _ => new Lazy<IEmbeddingProvider>(() => Create(spec))).Value;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var provider in _providers.Values.Where(p => p.IsValueCreated))
        {
            (provider.Value as IDisposable)?.Dispose();
        }
    }

    private IEmbeddingProvider Create(EmbeddingSpec spec) => spec.Provider switch
    {
        "local" => new LocalOnnxEmbeddingProvider(settings.LocalThreads),
        "azure-openai" => CreateAzureOpenAi(spec),
        _ => throw new ArgumentException($"embedding.provider: unknown provider '{spec.Provider}'"),
    };

    private AzureOpenAiEmbeddingProvider CreateAzureOpenAi(EmbeddingSpec spec)
    {
        var endpoint = spec.AzureEndpoint ?? settings.AzureEndpoint;
        var deployment = spec.AzureDeployment ?? settings.AzureDeployment;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException("embedding.azureEndpoint: not given and the host has no AZURE_OPENAI_ENDPOINT setting");
        }

        if (string.IsNullOrWhiteSpace(deployment))
        {
            throw new ArgumentException("embedding.azureDeployment: not given and the host has no AZURE_OPENAI_EMBEDDING_DEPLOYMENT setting");
        }

        var options = new AzureOpenAiEmbeddingOptions { Endpoint = uri, Deployment = deployment, Model = spec.AzureModel, Dimensions = spec.Dimensions };
        options.Validate();
        return AzureOpenAiEmbeddingProvider.FromEnvironment(options);
    }
}
