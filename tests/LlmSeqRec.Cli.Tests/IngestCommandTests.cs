using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Cli.Tests;

public sealed class IngestCommandTests
{
    [Fact]
    public async Task Ingesting_twice_gives_the_same_hash_and_leaves_the_artifact_alone()
    {
        using var dir = new TempDirectory();
        SmallDataset.Write(dir["input"]);

        var first = await CliProcess.RunAsync("ingest", "--dataset", dir["input"], "--output", dir["prepared"], "--k-core", "0");
        var written = File.GetLastWriteTimeUtc(dir["prepared/manifest.json"]);
        var second = await CliProcess.RunAsync("ingest", "--dataset", dir["input"], "--output", dir["prepared"], "--k-core", "0");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.StartsWith("sha256:", first.LastLine);
        Assert.Equal(first.LastLine, second.LastLine);
        Assert.Contains("unchanged", second.Error);
        Assert.Equal(written, File.GetLastWriteTimeUtc(dir["prepared/manifest.json"]));
    }

    [Fact]
    public async Task A_malformed_line_fails_with_file_and_line_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        SmallDataset.Write(dir["input"]);
        var lines = File.ReadAllLines(dir["input/interactions.csv"]);
        lines[2] = "s0,i1,yesterday";
        File.WriteAllLines(dir["input/interactions.csv"], lines);

        var result = await CliProcess.RunAsync("ingest", "--dataset", dir["input"], "--output", dir["prepared"], "--k-core", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("interactions.csv:3", result.Error);
        Assert.Contains("yesterday", result.Error);
        Assert.False(Directory.Exists(dir["prepared"]));
        Assert.Empty(Directory.GetDirectories(dir.Path, "prepared*"));
    }

    [Fact]
    public async Task Skip_bad_lines_reports_how_many_were_skipped()
    {
        using var dir = new TempDirectory();
        SmallDataset.Write(dir["input"]);
        File.AppendAllText(dir["input/interactions.csv"], "s1,i2\ns1,i3,\"unterminated\n");

        var result = await CliProcess.RunAsync("ingest", "--dataset", dir["input"], "--output", dir["prepared"], "--k-core", "0", "--skip-bad-lines", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("2 malformed lines were skipped", result.Error);
        Assert.Contains("\"skippedLines\": 2", result.LastLine);
    }
}
