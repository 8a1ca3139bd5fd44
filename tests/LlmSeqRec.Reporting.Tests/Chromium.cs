using System.Globalization;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Reporting.Tests;

/// <summary>Headless Chromium (Debian package <c>chromium</c>) for screenshots of the report page.</summary>
internal static class Chromium
{
    /// <summary>Overrides where the browser is: a path to its executable.</summary>
    public const string Variable = "LLMSEQREC_CHROMIUM";

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome"];

    /// <summary>The browser's executable, or null when there is none.</summary>
    public static string? Executable { get; } = Find();

    /// <summary>Screenshots <paramref name="page"/> at <paramref name="width"/>×<paramref name="height"/> into <paramref name="png"/>.</summary>
    public static async Task ScreenshotAsync(string page, string png, int width, int height, string profile, TimeSpan timeout)
    {
        string[] arguments =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
            $"--user-data-dir={profile}", $"--screenshot={png}",
            string.Create(CultureInfo.InvariantCulture, $"--window-size={width},{height}"),
            new Uri(page).AbsoluteUri,
        ];
        var run = await ProcessRun.RunAsync(Executable ?? throw new InvalidOperationException("no chromium"), arguments, timeout);
        if (run.ExitCode != 0 || !File.Exists(png))
        {
            throw new InvalidOperationException($"chromium did not write {png}: {run}");
        }
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => Names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }
}
