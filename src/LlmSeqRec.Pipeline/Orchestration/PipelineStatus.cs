namespace LlmSeqRec.Pipeline.Orchestration;

/// <summary>
/// The custom status of a pipeline run: the current stage, an overall percentage, each model's state and links
/// to the artifacts made so far. Kept small (the backend caps custom status at 16 KB).
/// </summary>
/// <param name="Stage">ingest, split, embed, models, promote, report, done.</param>
/// <param name="Percent">Overall progress, 0-100.</param>
/// <param name="Models">State of each model by slug: pending, running, waiting for worker (attempt n), completed, reused, failed.</param>
/// <param name="Links">Artifact links by name (dataset, embeddings, report, ...).</param>
public sealed record PipelineStatus(string Stage, int Percent, IReadOnlyDictionary<string, string> Models, IReadOnlyDictionary<string, string> Links);

/// <summary>The stages of a pipeline run, in order, with the overall percentage at which each starts.</summary>
public static class PipelineStages
{
    /// <summary>Fetching the input files into the store.</summary>
    public const string Ingest = "ingest";

    /// <summary>k-core, sessions and the temporal split.</summary>
    public const string Split = "split";

    /// <summary>Item embeddings (fan-out over batches).</summary>
    public const string Embed = "embed";

    /// <summary>One sub-orchestration per model (fan-out): fit and evaluate.</summary>
    public const string Models = "models";

    /// <summary>The champion decision.</summary>
    public const string Promote = "promote";

    /// <summary>The run report and manifest.</summary>
    public const string Report = "report";

    /// <summary>Finished.</summary>
    public const string Done = "done";

    /// <summary>Every stage in order.</summary>
    public static IReadOnlyList<string> All { get; } = [Ingest, Split, Embed, Models, Promote, Report, Done];

    /// <summary>The percentage at which <paramref name="stage"/> starts.</summary>
    public static int StartPercent(string stage) => stage switch
    {
        Ingest => 0,
        Split => 5,
        Embed => 15,
        Models => 35,
        Promote => 90,
        Report => 95,
        _ => 100,
    };

    /// <summary>The percentage at which the stage after <paramref name="stage"/> starts (100 for the last).</summary>
    public static int EndPercent(string stage)
    {
        var index = All.ToList().IndexOf(stage);
        return index < 0 || index + 1 >= All.Count ? 100 : StartPercent(All[index + 1]);
    }
}
