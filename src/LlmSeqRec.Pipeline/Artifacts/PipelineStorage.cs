using System.Text.Json;

namespace LlmSeqRec.Pipeline.Artifacts;

/// <summary>
/// What activities read and write: the artifact store, and a local cache folder where folder artifacts are
/// downloaded once per machine (datasets, embeddings) before models read them.
/// </summary>
/// <param name="Store">The artifact store every host of one deployment shares.</param>
/// <param name="CacheRoot">A local folder of this host for downloaded artifacts and scratch space.</param>
public sealed record PipelineStorage(IArtifactStore Store, string CacheRoot)
{
    /// <summary>JSON conventions of the small documents in the store (refs, results, manifests).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The local copy of the committed folder artifact at <paramref name="prefix"/>, downloaded when missing or stale.</summary>
    public async Task<string> LocalFolderAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var local = Path.Combine(CacheRoot, "artifacts", prefix.Replace('/', Path.DirectorySeparatorChar));
        await ArtifactFolders.DownloadAsync(Store, prefix, local, cancellationToken).ConfigureAwait(false);
        return local;
    }

    /// <summary>A new empty scratch folder under the cache (the caller deletes it).</summary>
    public string ScratchFolder()
    {
        var folder = Path.Combine(CacheRoot, "scratch", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Reads a JSON document, or null when absent.</summary>
    public async Task<T?> ReadJsonAsync<T>(string path, CancellationToken cancellationToken = default)
        where T : class
    {
        await using var stream = await Store.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        return stream is null ? null : await JsonSerializer.DeserializeAsync<T>(stream, JsonOptions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes (replaces) a JSON document atomically.</summary>
    public Task WriteJsonAsync<T>(string path, T value, CancellationToken cancellationToken = default) =>
        Store.WriteAsync(path, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(value, JsonOptions)), cancellationToken);
}
