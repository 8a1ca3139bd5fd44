using System.CommandLine;
using System.Text.Json;
using LlmSeqRec.Data;
using LlmSeqRec.Cli.Terminal;
using LlmSeqRec.Embeddings;

namespace LlmSeqRec.Cli.Commands;

/// <summary><c>llmseqrec embed</c>: embeds every catalog item into a content-addressed embeddings artifact.</summary>
internal static class EmbedCommand
{
    public static Command Create()
    {
        var dataset = new DatasetOptions();
        var embedding = new EmbeddingOptions();
        var output = new Option<string>("--output", "-o") { Description = "Embeddings store folder; the artifact is written to <output>/<content hash>/.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print a JSON summary on standard output instead of the artifact folder." };
        var command = new Command("embed", "Embed the item texts of a dataset with an LLM embedding model (re-runs over the same texts cost nothing).");
        dataset.AddTo(command, datasetRequired: true);
        embedding.AddTo(command, withStore: false);
        command.Options.Add(output);
        command.Options.Add(json);
        command.SetAction((result, cancellationToken) =>
        {
            var reporter = new ConsoleReporter();
            return CommandRunner.RunAsync(reporter, async () =>
            {
                var prepared = await DatasetLoading.LoadAsync(reporter, dataset, result, result.GetValue(dataset.Dataset)!, cancellationToken);
                var provider = embedding.CreateProvider(result);
                try
                {
                    var embedder = embedding.CreateEmbedder(result, provider, result.GetValue(output));
                    var outcome = await reporter.Progress($"embed {prepared.Catalog.Count:N0} items ({provider.Model.Provider}/{provider.Model.Name})", async progress =>
                        await embedder.EmbedAsync(
                            prepared.Catalog,
                            new SynchronousProgress<EmbeddingProgress>(p => progress.Report(("embed", p.Total == 0 ? 1 : (double)p.Done / p.Total))),
                            cancellationToken));
                    var rate = outcome.FromCache ? 0 : outcome.TextsEmbedded / Math.Max(1e-9, outcome.Elapsed.TotalSeconds);
                    reporter.Info(outcome.FromCache
                        ? $"found: {outcome.Folder} (nothing embedded)"
                        : $"created: {outcome.Folder}: {outcome.TextsEmbedded:N0} distinct texts in {outcome.Elapsed.TotalSeconds:F2} s ({rate:F0} texts/s), {outcome.Matrix.ZeroRows:N0} items without text");
                    if (provider is Embeddings.Providers.AzureOpenAiEmbeddingProvider azure)
                    {
                        var usage = azure.Usage;
                        reporter.Info($"usage: {usage.Requests:N0} requests, {usage.Retries:N0} retries, {usage.PromptTokens:N0} prompt tokens, {usage.TotalTokens:N0} total tokens");
                    }

                    if (result.GetValue(json))
                    {
                        Console.Out.WriteLine(JsonSerializer.Serialize(new EmbedSummary(
                            outcome.Key, outcome.Folder, outcome.Matrix.Model, embedder.Template.Name, outcome.Matrix.Rows, outcome.Matrix.ZeroRows,
                            outcome.FromCache, outcome.TextsEmbedded, Math.Round(outcome.Elapsed.TotalSeconds, 3), Math.Round(rate, 1)), SummaryJson));
                    }
                    else
                    {
                        Console.Out.WriteLine(outcome.Folder);
                    }
                }
                finally
                {
                    (provider as IDisposable)?.Dispose();
                }

                return 0;
            });
        });
        return command;
    }

    private static readonly JsonSerializerOptions SummaryJson = new(JsonSerializerDefaults.Web);

    /// <summary>The JSON line printed by <c>embed --json</c>.</summary>
    private sealed record EmbedSummary(
        string Key, string Folder, EmbeddingModelId Model, string Template, int Rows, int ZeroRows, bool FromCache, int TextsEmbedded, double Seconds, double TextsPerSecond);
}
