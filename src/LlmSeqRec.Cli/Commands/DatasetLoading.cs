using System.CommandLine;
using LlmSeqRec.Cli.Terminal;
using LlmSeqRec.Data;

namespace LlmSeqRec.Cli.Commands;

/// <summary>Loads the dataset named by the command line, with progress and a report of what was skipped.</summary>
internal static class DatasetLoading
{
    public static async Task<PreparedDataset> LoadAsync(
        ConsoleReporter reporter, DatasetOptions options, ParseResult result, string folder, CancellationToken cancellationToken)
    {
        var dataset = await reporter.Progress("ingest", progress => Task.Run(() => DatasetLoader.Load(
            folder,
            options.Ingestion(result),
            options.Columns(result),
            options.Amazon(result),
            ConsoleReporter.ForIngestion(progress),
            cancellationToken), cancellationToken));
        var counts = dataset.Manifest.Counts;
        if (counts.SkippedLines > 0)
        {
            reporter.Warn($"{counts.SkippedLines:N0} malformed lines were skipped");
        }

        if (counts.UnknownItemInteractionsDropped > 0)
        {
            reporter.Warn($"{counts.UnknownItemInteractionsDropped:N0} interactions with items missing from the catalog were dropped");
        }

        reporter.Info($"dataset {dataset.Manifest.Name}: {dataset.Sessions.Count:N0} sessions, {dataset.Catalog.Count:N0} items, " +
                      $"{dataset.Sessions.InteractionCount:N0} interactions, {dataset.Test.Count:N0} test cases ({dataset.Manifest.ContentHash[..19]})");
        return dataset;
    }
}
