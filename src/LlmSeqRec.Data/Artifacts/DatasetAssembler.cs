using System.Reflection;
using LlmSeqRec.Data.Ingestion;
using LlmSeqRec.Data.Preparation;

namespace LlmSeqRec.Data.Artifacts;

/// <summary>Builds a <see cref="PreparedDataset"/> with its manifest and hashes from its parts.</summary>
public static class DatasetAssembler
{
    /// <summary>The tool name and version recorded in manifests.</summary>
    public static string Tool { get; } =
        "llmseqrec " + (typeof(DatasetAssembler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0");

    /// <summary>Computes the hashes and the manifest, and returns the dataset.</summary>
    public static PreparedDataset Assemble(
        string name,
        SourceDescription source,
        IngestionOptions options,
        DatasetCounts counts,
        Catalog catalog,
        SessionTable sessions,
        int trainSessionCount,
        IReadOnlyList<EvaluationCase> test,
        IReadOnlyList<ValidationFold> folds)
    {
        var foldSummaries = folds.Select((f, i) => new FoldSummary(
            f.Number,
            f.TrainSessionCount,
            (i + 1 < folds.Count ? folds[i + 1].TrainSessionCount : trainSessionCount) - f.TrainSessionCount,
            f.Cases.Count)).ToArray();
        var manifest = new DatasetManifest(
            DatasetManifest.CurrentFormat,
            name,
            source,
            options,
            counts,
            foldSummaries,
            DatasetHasher.ContentHash(options, catalog, sessions, trainSessionCount, test, folds),
            DatasetHasher.MetadataHash(catalog, sessions),
            Tool);
        return new PreparedDataset(catalog, sessions, trainSessionCount, test, folds, manifest);
    }
}
