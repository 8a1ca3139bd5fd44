using ScottPlot;
using ScottPlot.TickGenerators;

namespace LlmSeqRec.Reporting.Rendering;

/// <summary>
/// The report's charts as PNG images of one size, drawn with ScottPlot: metrics per model, hit rate by session
/// length and training curves. A chart with nothing to draw is null. Each model keeps its colour across charts.
/// </summary>
internal sealed class ReportCharts(int width, int height)
{
    private static readonly Color[] ModelColors =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"),
        Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    ];

    // Light then dark shade per metric, one shade per cutoff.
    private static readonly Color[][] MetricShades =
    [
        [Color.FromHex("#9ecae1"), Color.FromHex("#3182bd"), Color.FromHex("#08519c")],
        [Color.FromHex("#fdae6b"), Color.FromHex("#e6550d"), Color.FromHex("#a63603")],
    ];

    private static readonly string[] BarMetrics = ["NDCG", "HitRate"];

    // The page's font where the machine has it (Debian: fonts-dejavu-core), else ScottPlot's sans-serif choice.
    private static readonly string FontName =
        SkiaSharp.SKFontManager.Default.FontFamilies.Contains("DejaVu Sans", StringComparer.OrdinalIgnoreCase) ? "DejaVu Sans" : Fonts.Sans;

    /// <summary>Grouped bars: NDCG and HitRate at each cutoff per completed model, with the paper's values as black ticks when shown.</summary>
    public byte[]? Metrics(RunReport report)
    {
        var cutoffs = MetricColumn.Cutoffs(report);
        var series = BarMetrics
            .SelectMany((metric, m) => cutoffs.Select((k, c) => (Key: $"{metric}@{k}", Color: MetricShades[m][Math.Min(c, MetricShades[m].Length - 1)])))
            .ToArray();
        var models = report.Models.Where(m => m.IsCompleted && series.Any(s => m.Metrics.ContainsKey(s.Key))).ToArray();
        if (models.Length == 0)
        {
            return null;
        }

        var plot = NewPlot("NDCG and HitRate per model", "", "score");
        var bars = new List<Bar>();
        var paperX = new List<double>();
        var paperY = new List<double>();
        var groupWidth = series.Length + 1;
        for (var g = 0; g < models.Length; g++)
        {
            for (var s = 0; s < series.Length; s++)
            {
                var x = (g * groupWidth) + s;
                if (models[g].Metrics.TryGetValue(series[s].Key, out var value) && double.IsFinite(value))
                {
                    bars.Add(new Bar { Position = x, Value = value, FillColor = series[s].Color, LineWidth = 0, Size = 0.9 });
                }

                if (report.ShowsPaper && PaperReference.Value(models[g].Model, series[s].Key) is { } paper)
                {
                    paperX.Add(x);
                    paperY.Add(paper);
                }
            }
        }

        plot.Add.Bars(bars);
        foreach (var (key, color) in series)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = key, FillColor = color });
        }

        if (paperX.Count > 0)
        {
            var markers = plot.Add.Markers(paperX.ToArray(), paperY.ToArray(), MarkerShape.HorizontalBar, 16, Colors.Black);
            markers.MarkerStyle.LineWidth = 3;
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = "paper",
                MarkerShape = MarkerShape.HorizontalBar,
                MarkerColor = Colors.Black,
                MarkerSize = 16,
                MarkerLineWidth = 3,
            });
        }

        var centres = Enumerable.Range(0, models.Length).Select(g => (g * groupWidth) + ((series.Length - 1) / 2.0)).ToArray();
        plot.Axes.Bottom.TickGenerator = new NumericManual(centres, models.Select(m => m.Model).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Grid.XAxisStyle.IsVisible = false;
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Edge.Right);
        return Png(plot);
    }

    /// <summary>Hit rate at the largest cutoff per prompt-length bucket, one line per completed model.</summary>
    public byte[]? HitRateByLength(RunReport report)
    {
        var models = report.Models.Select((m, i) => (Model: m, Index: i))
            .Where(x => x.Model.IsCompleted && x.Model.HitRateByLength.Any(b => b.Cases > 0)).ToArray();
        if (models.Length == 0)
        {
            return null;
        }

        var labels = ReportText.BucketLabels(models.Select(x => x.Model));
        var k = MetricColumn.Cutoffs(report).LastOrDefault(20);
        var plot = NewPlot($"HitRate@{k} by session length", "prompt length (items)", $"HitRate@{k}");
        foreach (var (model, index) in models)
        {
            var points = labels.Select((label, x) => (X: (double)x, Bucket: model.HitRateByLength.FirstOrDefault(b => b.Label == label)))
                .Where(p => p.Bucket is { Cases: > 0 })
                .ToArray();
            var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Bucket!.HitRate).ToArray(), ColorOf(index));
            line.LegendText = model.Model;
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }

        var first = models[0].Model.HitRateByLength;
        var tickLabels = labels
            .Select(l => first.FirstOrDefault(b => b.Label == l) is { } b ? $"{l}\nn={b.Cases}" : l)
            .ToArray();
        plot.Axes.Bottom.TickGenerator = new NumericManual(Enumerable.Range(0, labels.Count).Select(x => (double)x).ToArray(), tickLabels);
        var top = models.SelectMany(x => x.Model.HitRateByLength).Where(b => b.Cases > 0 && double.IsFinite(b.HitRate)).Max(b => b.HitRate);
        plot.Axes.SetLimitsY(0, Math.Max(top * 1.12, 0.01));
        plot.ShowLegend(Edge.Right);
        return Png(plot);
    }

    /// <summary>Validation NDCG@20 (or, with <paramref name="loss"/>, the training loss) per epoch for the models that have a training curve.</summary>
    public byte[]? Training(RunReport report, bool loss)
    {
        var models = report.Models.Select((m, i) => (Model: m, Index: i)).Where(x => x.Model.TrainingCurve.Count > 0).ToArray();
        if (models.Length == 0)
        {
            return null;
        }

        var plot = loss
            ? NewPlot("Training loss per epoch", "epoch", "loss")
            : NewPlot("Validation NDCG@20 per epoch", "epoch", "NDCG@20");
        foreach (var (model, index) in models)
        {
            var xs = model.TrainingCurve.Select(e => (double)e.Epoch).ToArray();
            var ys = model.TrainingCurve.Select(e => loss ? e.Loss : e.ValidationNdcg20).ToArray();
            var line = plot.Add.Scatter(xs, ys, ColorOf(index));
            line.LegendText = model.Model;
            line.LineWidth = 2;
            line.MarkerSize = 6;
        }

        var maxEpoch = models.Max(x => x.Model.TrainingCurve.Max(e => e.Epoch));
        var step = Math.Max(1, (int)Math.Ceiling(maxEpoch / 12.0));
        var ticks = Enumerable.Range(0, (maxEpoch / step) + 1).Select(i => (double)Math.Max(1, i * step)).Distinct().ToArray();
        plot.Axes.Bottom.TickGenerator = new NumericManual(ticks, ticks.Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.ShowLegend(Edge.Right);
        return Png(plot);
    }

    private static Color ColorOf(int modelIndex) => ModelColors[modelIndex % ModelColors.Length];

    private static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title, 16);
        if (xLabel.Length > 0)
        {
            plot.XLabel(xLabel, 13);
        }

        plot.YLabel(yLabel, 13);
        plot.FigureBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = Color.FromHex("#e5e7eb");
        plot.Axes.FrameColor(Color.FromHex("#9ca3af"));
        return plot;
    }

    private byte[] Png(Plot plot) => plot.GetImageBytes(width, height, ImageFormat.Png);
}
