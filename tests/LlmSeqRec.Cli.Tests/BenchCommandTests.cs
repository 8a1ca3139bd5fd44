using System.Globalization;
using System.Text.RegularExpressions;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Cli.Tests;

public sealed partial class BenchCommandTests
{
    [Fact]
    public async Task Scoring_prints_the_floor_and_the_scoring_time_with_their_ratio()
    {
        using var dir = new TempDirectory();
        SmallDataset.Write(dir.Path);

        var result = await CliProcess.RunAsync("bench", "scoring", "--dataset", dir.Path, "--k-core", "0", "--dimensions", "16", "--repeats", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(FloorLine(), result.Output);
        var ratio = double.Parse(RatioLine().Match(result.Output).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(ratio > 0, result.Output);
    }

    [GeneratedRegex(@"matrix-product floor: \d+ ms")]
    private static partial Regex FloorLine();

    [GeneratedRegex(@"LLMSeqSim scoring: +\d+ ms \(([0-9.]+)x the floor\)")]
    private static partial Regex RatioLine();
}
