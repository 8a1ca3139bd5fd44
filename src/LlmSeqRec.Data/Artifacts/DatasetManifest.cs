using LlmSeqRec.Data.Ingestion;
using LlmSeqRec.Data.Preparation;

namespace LlmSeqRec.Data.Artifacts;

/// <summary>
/// Identifies a prepared dataset. <see cref="ContentHash"/> covers everything models and metrics see (item titles,
/// sessions with timestamps, the split, the parameters) with items and sessions addressed by dense index, so the
/// same data from different formats hashes the same; <see cref="MetadataHash"/> covers the external ids and
/// item attributes.
/// </summary>
public sealed record DatasetManifest(
    string Format,
    string Name,
    SourceDescription Source,
    IngestionOptions Parameters,
    DatasetCounts Counts,
    IReadOnlyList<FoldSummary> Folds,
    string ContentHash,
    string MetadataHash,
    string Tool)
{
    /// <summary>The artifact format this code writes and reads.</summary>
    public const string CurrentFormat = "llmseqrec.prepared-dataset/1";
}

/// <summary>What ingestion read, dropped and produced.</summary>
public sealed record DatasetCounts
{
    public long InteractionsRead { get; init; }
    public long SkippedLines { get; init; }
    public long UnknownItemInteractionsDropped { get; init; }
    public int KCoreRounds { get; init; }
    public long KCoreInteractionsDropped { get; init; }
    public int Sessions { get; init; }
    public int Items { get; init; }
    public int Interactions { get; init; }
    public int CatalogItemsWithoutInteractions { get; init; }
    public int ItemsWithoutTitle { get; init; }
    public int TrainSessions { get; init; }
    public int TrainItems { get; init; }
    public int TestSessions { get; init; }
    public int TestCases { get; init; }
    public int TestInteractionsDropped { get; init; }
    public int TestSessionsDropped { get; init; }
}

/// <summary>One validation fold in the manifest.</summary>
public sealed record FoldSummary(int Number, int TrainSessions, int ValidationSessions, int ValidationCases);
