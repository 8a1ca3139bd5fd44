using System.CommandLine;
using System.Text.Json;
using LlmSeqRec.Cli.Terminal;
using LlmSeqRec.Data.Artifacts;

namespace LlmSeqRec.Cli.Commands;

/// <summary><c>llmseqrec ingest</c>: reads a dataset, filters and splits it, and writes the prepared-dataset artifact.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var dataset = new DatasetOptions();
        var output = new Option<string>("--output", "-o") { Description = "Folder of the prepared dataset (written atomically).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the manifest as JSON on standard output." };
        var command = new Command("ingest", "Ingest a dataset (k-core, sessions, the papers' temporal split and folds) into a prepared-dataset artifact.");
        dataset.AddTo(command, datasetRequired: true);
        command.Options.Add(output);
        command.Options.Add(json);
        command.SetAction((result, cancellationToken) =>
        {
            var reporter = new ConsoleReporter();
            return CommandRunner.RunAsync(reporter, async () =>
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var prepared = await DatasetLoading.LoadAsync(reporter, dataset, result, result.GetValue(dataset.Dataset)!, cancellationToken);
                var ingestSeconds = clock.Elapsed.TotalSeconds;
                var target = result.GetValue(output)!;
                var outcome = PreparedDatasetStore.Write(prepared, target);
                using var process = System.Diagnostics.Process.GetCurrentProcess();
                reporter.Info($"{outcome.ToString().ToLowerInvariant()}: {Path.GetFullPath(target)}");
                reporter.Info($"timing: ingest+split {ingestSeconds:F3} s, write {clock.Elapsed.TotalSeconds - ingestSeconds:F3} s, peak working set {process.PeakWorkingSet64 / (1024.0 * 1024):F0} MiB");
                if (result.GetValue(json))
                {
                    Console.Out.WriteLine(File.ReadAllText(Path.Combine(target, PreparedDatasetStore.ManifestFile)).ReplaceLineEndings(" "));
                }
                else
                {
                    Console.Out.WriteLine(prepared.Manifest.ContentHash);
                }

                return 0;
            });
        });
        return command;
    }
}
