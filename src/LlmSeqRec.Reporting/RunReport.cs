using System.Text.Json.Serialization;

namespace LlmSeqRec.Reporting;

/// <summary>Everything one pipeline run reports: what ran on which data, the scores, the promotion and where the artifacts are.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="DatasetName">The dataset's name, e.g. "amazon-beauty" (also decides the paper comparison, see <see cref="ShowsPaper"/>).</param>
/// <param name="DatasetHash">The prepared dataset's content hash.</param>
/// <param name="CreatedAt">When the run was made (given by the caller; the report never reads the clock).</param>
/// <param name="CodeVersion">The code version, e.g. a git commit.</param>
/// <param name="Cutoffs">The cutoffs the models were scored at, e.g. 10 and 20.</param>
/// <param name="Models">One entry per model the run tried, in display order.</param>
/// <param name="Promotion">The champion decision, or null when the run made none.</param>
/// <param name="Artifacts">Links to what the run wrote.</param>
/// <param name="Timings">Wall time per pipeline stage, in stage order.</param>
public sealed record RunReport(
    string RunId,
    string DatasetName,
    string DatasetHash,
    DateTimeOffset CreatedAt,
    string CodeVersion,
    IReadOnlyList<int> Cutoffs,
    IReadOnlyList<ModelReport> Models,
    PromotionDecision? Promotion,
    IReadOnlyList<ArtifactLink> Artifacts,
    IReadOnlyList<StageTiming> Timings)
{
    /// <summary>
    /// Whether to show the papers' Beauty numbers beside ours: true or false forces it; null (the default) decides
    /// from <see cref="DatasetName"/> (<see cref="PaperReference.IsBeauty"/>).
    /// </summary>
    public bool? ComparePaper { get; init; }

    /// <summary>Whether the report shows the paper's numbers: <see cref="ComparePaper"/>, else whether the dataset is Beauty.</summary>
    [JsonIgnore]
    public bool ShowsPaper => ComparePaper ?? PaperReference.IsBeauty(DatasetName);
}
