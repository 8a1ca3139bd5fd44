using System.Text;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Jobs;
using LlmSeqRec.Reporting;
using Microsoft.DurableTask;

namespace LlmSeqRec.Pipeline.Activities;

/// <summary>Input of <see cref="WriteReportActivity"/>.</summary>
public sealed record ReportInput(
    string RunId,
    DatasetRef Dataset,
    IReadOnlyList<int> Cutoffs,
    IReadOnlyList<ModelOutcome> Models,
    PromotionDecision Promotion,
    IReadOnlyList<StageTiming> Timings,
    DateTime StartedAt);

/// <summary>Where a run's report is: HTML, Markdown and JSON under <c>runs/{id}/report/</c>.</summary>
public sealed record ReportRef(string Prefix, string HtmlUrl, string MarkdownUrl, string JsonUrl);

/// <summary>Stage "report": the run report (tables, plots, paper comparison on Beauty) as HTML, Markdown and JSON in the store.</summary>
public sealed class WriteReportActivity(PipelineStorage storage) : TaskActivity<ReportInput, ReportRef>
{
    /// <inheritdoc />
    public override async Task<ReportRef> RunAsync(TaskActivityContext context, ReportInput input)
    {
        var report = new RunReport(
            input.RunId,
            input.Dataset.Name,
            input.Dataset.ContentHash,
            new DateTimeOffset(DateTime.SpecifyKind(input.StartedAt, DateTimeKind.Utc)),
            CodeVersion.Current,
            input.Cutoffs,
            input.Models.Select(ToReport).ToArray(),
            input.Promotion,
            [new ArtifactLink("dataset", input.Dataset.Url), .. input.Models.Where(m => m.Result?.ArtifactUrl is not null).Select(m => new ArtifactLink($"{m.Slug} model", m.Result!.ArtifactUrl!))],
            input.Timings);
        var rendered = new RunReportWriter().Render(report);
        var prefix = ArtifactLayout.RunReport(input.RunId);
        await Write($"{prefix}/{RunReportWriter.JsonFileName}", rendered.Json).ConfigureAwait(false);
        await Write($"{prefix}/{RunReportWriter.MarkdownFileName}", rendered.Markdown).ConfigureAwait(false);
        await Write($"{prefix}/{RunReportWriter.HtmlFileName}", rendered.Html).ConfigureAwait(false);
        return new ReportRef(
            prefix,
            storage.Store.Locate($"{prefix}/{RunReportWriter.HtmlFileName}"),
            storage.Store.Locate($"{prefix}/{RunReportWriter.MarkdownFileName}"),
            storage.Store.Locate($"{prefix}/{RunReportWriter.JsonFileName}"));

        Task Write(string path, string text) => storage.Store.WriteAsync(path, new MemoryStream(Encoding.UTF8.GetBytes(text)));
    }

    private static ModelReport ToReport(ModelOutcome outcome) => outcome.Result is { } result
        ? ModelReport.Completed(
            outcome.Slug,
            result.Metrics,
            result.FitSeconds,
            result.EvaluateSeconds,
            result.HitRateByLength.Select(b => new LengthBucket(b.Label, b.MinLength, b.MaxLength, b.Cases, b.HitRate)).ToArray(),
            result.Training.Select(e => new EpochPoint(e.Epoch, e.Loss, e.ValidationNdcg, e.Seconds)).ToArray())
        : outcome.State == ModelState.NotAvailable
            ? ModelReport.NotAvailable(outcome.Slug, outcome.Error ?? "not available")
            : ModelReport.Failed(outcome.Slug, outcome.Error ?? "no result");
}
