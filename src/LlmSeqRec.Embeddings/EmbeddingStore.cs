using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using LlmSeqRec.Data;
using LlmSeqRec.Data.Artifacts;

namespace LlmSeqRec.Embeddings;

/// <summary>
/// The embeddings artifact, content-addressed: the folder name is a hash of (provider, model, dimensions, and
/// every item's text in row order), so a second run or another pipeline over the same catalog finds it and pays
/// nothing. A folder holds <c>manifest.json</c>, <c>ids.json</c> (row → item id) and <c>vectors.f32</c>
/// (little-endian float32, row-major). Folders are written atomically.
/// </summary>
public sealed class EmbeddingStore(string root)
{
    private const string ManifestFile = "manifest.json";
    private const string IdsFile = "ids.json";
    private const string VectorsFile = "vectors.f32";

    /// <summary>The folder that holds one sub-folder per key.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The content address of embedding <paramref name="texts"/> (null = no text) with <paramref name="model"/>.</summary>
    public static string Key(EmbeddingModelId model, IReadOnlyList<string?> texts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string? value)
        {
            var bytes = value is null ? [0xFF] : Encoding.UTF8.GetBytes(value);
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }

        Add("llmseqrec.embeddings/1");
        Add(model.Provider);
        Add(model.Name);
        Add(model.Dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(texts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var text in texts)
        {
            Add(text);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }

    /// <summary>The folder of a key.</summary>
    public string FolderOf(string key) => Path.Combine(Root, key);

    /// <summary>Reads the matrix stored under <paramref name="key"/>, or null when there is none.</summary>
    public EmbeddingMatrix? TryRead(string key)
    {
        var folder = FolderOf(key);
        return File.Exists(Path.Combine(folder, ManifestFile)) ? ReadFolder(folder) : null;
    }

    /// <summary>Reads the embeddings artifact in <paramref name="folder"/> (manifest, ids and vectors).</summary>
    /// <exception cref="DatasetFormatException">The folder holds no artifact, or a damaged one (the message names the file).</exception>
    public static EmbeddingMatrix ReadFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var manifestPath = Path.Combine(folder, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            throw new DatasetFormatException(folder, null, null, $"not an embeddings artifact: no {ManifestFile} (pass the folder that `llmseqrec embed` printed)");
        }

        var manifest = JsonSerializer.Deserialize(File.ReadAllText(manifestPath), EmbeddingJsonContext.Default.EmbeddingManifest)
                       ?? throw new DatasetFormatException(manifestPath, null, null, "empty manifest");
        var ids = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(folder, IdsFile)), EmbeddingJsonContext.Default.StringArray)
                  ?? throw new DatasetFormatException(Path.Combine(folder, IdsFile), null, null, "empty id list");
        var vectorsPath = Path.Combine(folder, VectorsFile);
        var bytes = File.ReadAllBytes(vectorsPath);
        var expected = (long)manifest.Rows * manifest.Model.Dimensions * sizeof(float);
        if (bytes.Length != expected || ids.Length != manifest.Rows)
        {
            throw new DatasetFormatException(vectorsPath, null, null,
                $"{bytes.Length} bytes and {ids.Length} ids where the manifest says {manifest.Rows} rows of {manifest.Model.Dimensions} (the artifact is damaged; delete the folder)");
        }

        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("embedding artifacts are little-endian");
        }

        var values = new float[manifest.Rows * manifest.Model.Dimensions];
        MemoryMarshal.Cast<byte, float>(bytes).CopyTo(values);

        return new EmbeddingMatrix(manifest.Model, ids, values, manifest.ZeroRows);
    }

    /// <summary>
    /// Stores <paramref name="matrix"/> under <paramref name="key"/> atomically. An existing complete folder is kept,
    /// unless <paramref name="replace"/> is set (to repair a damaged one).
    /// </summary>
    public WriteOutcome Write(string key, EmbeddingMatrix matrix, string template, bool replace = false)
    {
        var folder = FolderOf(key);
        if (!replace && File.Exists(Path.Combine(folder, ManifestFile)))
        {
            return WriteOutcome.Unchanged;
        }

        return AtomicFolder.Write(folder, temp =>
        {
            File.WriteAllBytes(Path.Combine(temp, VectorsFile), MemoryMarshal.AsBytes(matrix.Values.AsSpan()).ToArray());
            File.WriteAllText(Path.Combine(temp, IdsFile), JsonSerializer.Serialize(matrix.ItemIds.ToArray(), EmbeddingJsonContext.Default.StringArray));
            var manifest = new EmbeddingManifest("llmseqrec.embeddings/1", key, matrix.Model, template, matrix.Rows, matrix.ZeroRows);
            File.WriteAllText(Path.Combine(temp, ManifestFile), JsonSerializer.Serialize(manifest, EmbeddingJsonContext.Default.EmbeddingManifest));
        });
    }
}

/// <summary>The manifest of an embeddings artifact.</summary>
public sealed record EmbeddingManifest(string Format, string Key, EmbeddingModelId Model, string Template, int Rows, int ZeroRows);

/// <summary>Source-generated JSON for the embeddings artifact.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(EmbeddingManifest))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class EmbeddingJsonContext : JsonSerializerContext;
