using System.Text.Json;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Cli.Tests;

public sealed class EvaluateCommandTests
{
    private static readonly string[] MetricNames =
        ["NDCG", "HitRate", "MRR", "CatalogCoverage", "Serendipity", "Novelty"];

    [SharedDataFact("data/amazon-beauty/interactions.csv", "paper/recs/BERT4Rec.csv")]
    public async Task Recs_file_on_beauty_prints_the_papers_numbers_as_json()
    {
        var result = await CliProcess.RunAsync("evaluate", "--dataset", TestPaths.Beauty,
            "--recs", TestPaths.Shared("paper", "recs", "BERT4Rec.csv"), "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.LastLine);
        Assert.Equal(4469, json.RootElement.GetProperty("sessions").GetInt32());
        var metrics = json.RootElement.GetProperty("metrics");
        Assert.Equal(0.043007, metrics.GetProperty("NDCG@20").GetDouble(), 6);
        Assert.Equal(0.231138, metrics.GetProperty("CatalogCoverage@10").GetDouble(), 6);
    }

    [Fact]
    public async Task Popularity_model_prints_every_metric_at_both_cutoffs()
    {
        using var dir = new TempDirectory();
        SmallDataset.Write(dir.Path);

        var result = await CliProcess.RunAsync("evaluate", "--dataset", dir.Path, "--model", "popularity", "--k-core", "0", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.LastLine);
        var metrics = json.RootElement.GetProperty("metrics");
        var names = metrics.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(MetricNames.Select(m => $"{m}@10").Concat(MetricNames.Select(m => $"{m}@20")), names);
        Assert.Equal(SmallDataset.TestCases, json.RootElement.GetProperty("sessions").GetInt32());
    }

    [Fact]
    public async Task Recs_and_model_together_are_refused()
    {
        using var dir = new TempDirectory();
        SmallDataset.Write(dir.Path);

        var result = await CliProcess.RunAsync("evaluate", "--dataset", dir.Path, "--model", "popularity", "--recs", dir["x.csv"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("exactly one of --recs and --model", result.Error + result.Output);
    }

    [Fact]
    public async Task Unknown_model_names_the_available_ones()
    {
        using var dir = new TempDirectory();
        SmallDataset.Write(dir.Path);

        var result = await CliProcess.RunAsync("evaluate", "--dataset", dir.Path, "--model", "nope", "--k-core", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown model 'nope'", result.Error);
        Assert.Contains("popularity", result.Error);
    }

    [Fact]
    public async Task Knn_model_takes_preset_inline_config_and_seed()
    {
        using var dir = new TempDirectory();
        SmallDataset.Write(dir.Path);

        var result = await CliProcess.RunAsync("evaluate", "--dataset", dir.Path, "--model", "vsknn", "--preset", "p1",
            "--config", """{"k": 5, "sampleSize": 20}""", "--seed", "3", "--k-core", "0", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.LastLine);
        Assert.Equal(SmallDataset.TestCases, json.RootElement.GetProperty("sessions").GetInt32());
    }

    [Fact]
    public async Task Config_file_is_read_and_bad_fields_are_named()
    {
        using var dir = new TempDirectory();
        SmallDataset.Write(dir.Path);
        var config = dir.Write("sknn.json", """{"k": 0}""");

        var result = await CliProcess.RunAsync("evaluate", "--dataset", dir.Path, "--model", "sknn", "--config", config, "--k-core", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("k must be between 1 and sampleSize", result.Error);
    }

    [Fact]
    public async Task Unknown_preset_lists_the_known_ones()
    {
        using var dir = new TempDirectory();
        SmallDataset.Write(dir.Path);

        var result = await CliProcess.RunAsync("evaluate", "--dataset", dir.Path, "--model", "vsknn", "--preset", "p9", "--k-core", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown preset 'p9'", result.Error);
        Assert.Contains("p1", result.Error);
    }
}
