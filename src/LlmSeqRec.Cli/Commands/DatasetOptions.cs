using System.CommandLine;
using LlmSeqRec.Data.Ingestion;
using LlmSeqRec.Data.Preparation;

namespace LlmSeqRec.Cli.Commands;

/// <summary>The options that say where a dataset is and how to ingest it, shared by every command that reads one.</summary>
internal sealed class DatasetOptions
{
    public Option<string> Dataset { get; } = new("--dataset", "-d")
    {
        Description = "Dataset folder: interactions.csv + items.csv, Amazon 2014 dumps (reviews_*.json[.gz] + meta_*.json[.gz], also under raw/), or a prepared dataset (manifest.json).",
    };

    public Option<int> KCore { get; } = new("--k-core") { Description = "Minimum interactions per session and item (iterative); 0 disables.", DefaultValueFactory = _ => 5 };

    public Option<decimal> TestFraction { get; } = new("--test-fraction") { Description = "Share of sessions (latest by end time) in the test split.", DefaultValueFactory = _ => 0.2m };

    public Option<int> Folds { get; } = new("--folds") { Description = "Number of forward-chaining validation folds.", DefaultValueFactory = _ => 3 };

    public Option<bool> SkipBadLines { get; } = new("--skip-bad-lines") { Description = "Skip and count malformed lines instead of failing on the first." };

    public Option<bool> DropUnknownItems { get; } = new("--drop-unknown-items") { Description = "Drop interactions whose item is not in the catalog instead of failing." };

    public Option<string> SessionColumn { get; } = new("--session-column") { Description = "Session id column of interactions.csv.", DefaultValueFactory = _ => "SessionId" };

    public Option<string> ItemColumn { get; } = new("--item-column") { Description = "Item id column of interactions.csv and items.csv.", DefaultValueFactory = _ => "ItemId" };

    public Option<string> TimestampColumn { get; } = new("--timestamp-column") { Description = "Timestamp column of interactions.csv (unix seconds or ISO 8601).", DefaultValueFactory = _ => "Timestamp" };

    public Option<string> TitleColumn { get; } = new("--title-column") { Description = "Title column of items.csv.", DefaultValueFactory = _ => "Title" };

    public Option<string[]> MetadataKeys { get; } = new("--metadata-keys")
    {
        Description = "Amazon metadata keys kept as item attributes.",
        DefaultValueFactory = _ => ["brand", "categories"],
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command, bool datasetRequired)
    {
        Dataset.Required = datasetRequired;
        foreach (var option in new Option[] { Dataset, KCore, TestFraction, Folds, SkipBadLines, DropUnknownItems, SessionColumn, ItemColumn, TimestampColumn, TitleColumn, MetadataKeys })
        {
            command.Options.Add(option);
        }
    }

    public IngestionOptions Ingestion(ParseResult result) => new(
        result.GetValue(KCore),
        result.GetValue(TestFraction),
        result.GetValue(Folds),
        result.GetValue(SkipBadLines),
        result.GetValue(DropUnknownItems));

    public CsvColumns Columns(ParseResult result) => new(
        result.GetValue(SessionColumn)!,
        result.GetValue(ItemColumn)!,
        result.GetValue(TimestampColumn)!,
        result.GetValue(TitleColumn)!);

    public AmazonDumpOptions Amazon(ParseResult result) => new(result.GetValue(MetadataKeys)!);
}
