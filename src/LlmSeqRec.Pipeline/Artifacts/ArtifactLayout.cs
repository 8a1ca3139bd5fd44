namespace LlmSeqRec.Pipeline.Artifacts;

/// <summary>
/// The store's layout, browsable by a person. Inputs, datasets, embeddings and model results are content-addressed
/// and shared by every run; <c>runs/{id}/</c> holds what one run made (manifest, report, job records).
/// <code>
/// sources/{hash}/...                     input files as ingested (a folder artifact)
/// splits/{hash}.json                     (source, ingestion options) -> prepared dataset
/// datasets/{hash}/...                    prepared datasets (manifest.json, items.jsonl, sessions.jsonl, test.jsonl, ...)
/// embeddings/{key}/...                   item embeddings (manifest.json, ids.json, vectors.f32); parts/ while being built
/// models/{hash}/result.json              a model's metrics for (code, dataset, embeddings, model spec, cutoffs)
/// models/{hash}/model/...                a trained neural model artifact
/// runs/{id}/manifest.json                a run's lineage: spec, inputs, outputs, timings
/// runs/{id}/report/report.{html,md,json} the run report
/// runs/{id}/cancelled                    present once the run is cancelled: workers stop its jobs
/// champions/{dataset}.json               the promoted model of a dataset
/// </code>
/// </summary>
public static class ArtifactLayout
{
    /// <summary>The name of the marker that completes a folder artifact (written last, lists the files).</summary>
    public const string CommitMarker = "_committed.json";

    /// <summary>An ingested input folder.</summary>
    public static string Source(string hash) => $"sources/{hash}";

    /// <summary>The pointer from a (source, ingestion options) pair to its prepared dataset.</summary>
    public static string Split(string hash) => $"splits/{hash}.json";

    /// <summary>A prepared dataset folder.</summary>
    public static string Dataset(string contentHash) => $"datasets/{Bare(contentHash)}";

    /// <summary>An item-embeddings folder.</summary>
    public static string Embeddings(string key) => $"embeddings/{key}";

    /// <summary>One batch of vectors of an embeddings artifact being built.</summary>
    public static string EmbeddingPart(string key, int batch) => $"embeddings/{key}/parts/{batch:D5}.f32";

    /// <summary>A model's result (metrics, timings, training history).</summary>
    public static string ModelResult(string hash) => $"models/{hash}/result.json";

    /// <summary>A trained neural model artifact folder.</summary>
    public static string ModelArtifact(string hash) => $"models/{hash}/model";

    /// <summary>A neural model's training checkpoint folder.</summary>
    public static string ModelCheckpoint(string hash) => $"models/{hash}/checkpoint";

    /// <summary>A run's folder.</summary>
    public static string Run(string runId) => $"runs/{runId}";

    /// <summary>A run's manifest.</summary>
    public static string RunManifest(string runId) => $"runs/{runId}/manifest.json";

    /// <summary>A run's report folder.</summary>
    public static string RunReport(string runId) => $"runs/{runId}/report";

    /// <summary>The marker of a cancelled run.</summary>
    public static string RunCancelled(string runId) => $"runs/{runId}/cancelled";

    /// <summary>The champion record of a dataset.</summary>
    public static string Champion(string datasetName) => $"champions/{datasetName}.json";

    private static string Bare(string hash) => hash.StartsWith("sha256:", StringComparison.Ordinal) ? hash["sha256:".Length..] : hash;
}
