using System.Text.Json;
using System.Text.Json.Serialization;
using LlmSeqRec.Data;
using LlmSeqRec.Data.Artifacts;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// A trained neural model on disk: <c>model.json</c> (this manifest: model, settings, seed, the catalog ids of the
/// model's items in id order, the training run) and <c>weights.bin</c> (the module's parameters in TorchSharp's
/// format). Written atomically; loaded by a recommender made from the same model and settings.
/// </summary>
/// <param name="Format">Artifact format tag.</param>
/// <param name="Model">Model name (SASRec, LLM2BERT4Rec, ...).</param>
/// <param name="Description">The resolved settings as JSON (must match the loading recommender's).</param>
/// <param name="Seed">Training seed.</param>
/// <param name="ItemIds">Catalog item ids in model-id order (the mask token is the next id).</param>
/// <param name="BestEpoch">The epoch whose weights were kept.</param>
/// <param name="BestScore">Its inner-validation NDCG@20.</param>
/// <param name="History">Every epoch of the run.</param>
public sealed record NeuralModelArtifact(
    string Format,
    string Model,
    string Description,
    int Seed,
    IReadOnlyList<string> ItemIds,
    int BestEpoch,
    double BestScore,
    IReadOnlyList<EpochSummary> History)
{
    /// <summary>The format tag written by this version.</summary>
    public const string CurrentFormat = "llmseqrec.neural-model/1";

    /// <summary>The manifest file name.</summary>
    public const string ManifestFile = "model.json";

    /// <summary>The weights file name.</summary>
    public const string WeightsFile = "weights.bin";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes the manifest and <paramref name="weights"/> to <paramref name="folder"/> atomically (an existing artifact there is replaced).</summary>
    public WriteOutcome Write(string folder, byte[] weights)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(weights);
        return AtomicFolder.Write(folder, temp =>
        {
            File.WriteAllBytes(Path.Combine(temp, WeightsFile), weights);
            File.WriteAllText(Path.Combine(temp, ManifestFile), JsonSerializer.Serialize(this, JsonOptions));
        });
    }

    /// <summary>Reads the manifest and weights of the artifact in <paramref name="folder"/>.</summary>
    /// <exception cref="DatasetFormatException">The folder holds no artifact, or a damaged one (the message names the file).</exception>
    public static (NeuralModelArtifact Manifest, byte[] Weights) Read(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var manifestPath = Path.Combine(folder, ManifestFile);
        var weightsPath = Path.Combine(folder, WeightsFile);
        if (!File.Exists(manifestPath) || !File.Exists(weightsPath))
        {
            throw new DatasetFormatException(folder, null, null, $"not a model artifact: {ManifestFile} and {WeightsFile} are expected (written by `llmseqrec train`)");
        }

        NeuralModelArtifact? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<NeuralModelArtifact>(File.ReadAllText(manifestPath), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new DatasetFormatException(manifestPath, e.LineNumber + 1, e.Path, e.Message);
        }

        if (manifest is null || manifest.Format != CurrentFormat || manifest.ItemIds is null || manifest.ItemIds.Count == 0)
        {
            throw new DatasetFormatException(manifestPath, null, "format", $"expected a {CurrentFormat} manifest with item ids");
        }

        return (manifest, File.ReadAllBytes(weightsPath));
    }
}
