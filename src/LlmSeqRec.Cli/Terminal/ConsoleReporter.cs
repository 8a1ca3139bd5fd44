using LlmSeqRec.Data;
using LlmSeqRec.Data.Preparation;
using Spectre.Console;

namespace LlmSeqRec.Cli.Terminal;

/// <summary>
/// Progress and messages for people, on standard error (standard output is kept for results such as JSON).
/// On a terminal it draws progress bars; otherwise it prints one line per stage.
/// </summary>
internal sealed class ConsoleReporter
{
    private readonly IAnsiConsole _console = CreateConsole();

    private static IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsErrorRedirected)
        {
            // Logs and CI: no wrapping at 80 columns.
            console.Profile.Width = 200;
        }

        return console;
    }

    /// <summary>True when progress bars can be drawn.</summary>
    public bool Interactive => _console.Profile.Capabilities.Interactive && !Console.IsErrorRedirected;

    /// <summary>A plain line.</summary>
    public void Info(string message) => _console.MarkupLineInterpolated($"[grey]{message}[/]");

    /// <summary>A warning line.</summary>
    public void Warn(string message) => _console.MarkupLineInterpolated($"[yellow]warning:[/] {message}");

    /// <summary>An error line.</summary>
    public void Error(string message) => _console.MarkupLineInterpolated($"[red]error:[/] {message}");

    /// <summary>Writes a table of rows to standard error.</summary>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned());
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        _console.Write(table);
    }

    /// <summary>
    /// Runs <paramref name="work"/> with one progress task per stage. The work reports (stage, fraction in [0,1]);
    /// a new stage completes the previous one.
    /// </summary>
    public async Task<T> Progress<T>(string title, Func<IProgress<(string Stage, double Fraction)>, Task<T>> work)
    {
        if (!Interactive)
        {
            var last = "";
            var lastPercent = -1;
            var plain = new SynchronousProgress<(string Stage, double Fraction)>(p =>
            {
                var percent = (int)(p.Fraction * 100);
                if (p.Stage != last || percent / 25 != lastPercent / 25)
                {
                    Console.Error.WriteLine($"[{title}] {p.Stage} {percent}%");
                    last = p.Stage;
                    lastPercent = percent;
                }
            });
            return await work(plain);
        }

        return await _console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                ProgressTask? current = null;
                var reporter = new SynchronousProgress<(string Stage, double Fraction)>(p =>
                {
                    if (current is null || current.Description != p.Stage)
                    {
                        current?.Value(current.MaxValue);
                        current = ctx.AddTask(p.Stage, maxValue: 1);
                    }

                    current.Value(Math.Clamp(p.Fraction, 0, 1));
                });
                var result = await work(reporter);
                current?.Value(current.MaxValue);
                return result;
            });
    }

    /// <summary>Maps ingestion progress (records handled per stage) to the (stage, fraction) form.</summary>
    public static IProgress<IngestionProgress> ForIngestion(IProgress<(string Stage, double Fraction)> progress)
    {
        string[] stages = ["reading interactions", "reading catalog", "k-core filtering", "sessionizing", "splitting"];
        return new SynchronousProgress<IngestionProgress>(p =>
        {
            var index = Array.IndexOf(stages, p.Stage);
            progress.Report(($"ingest: {p.Stage} ({p.Done:N0})", index < 0 ? 0 : 1.0));
        });
    }
}
