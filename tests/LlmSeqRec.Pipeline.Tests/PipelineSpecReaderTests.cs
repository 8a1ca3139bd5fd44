using LlmSeqRec.Pipeline.Specification;

namespace LlmSeqRec.Pipeline.Tests;

public sealed class PipelineSpecReaderTests
{
    [Fact]
    public void A_minimal_spec_gets_the_defaults()
    {
        var spec = PipelineSpecReader.Read("""{ "dataset": { "source": "demo" } }""");

        Assert.Equal(["popularity", "vsknn-p1", "llmseqsim", "sknnemb"], spec.Models!.Select(m => m.Slug));
        Assert.Equal([10, 20], spec.Cutoffs);
        Assert.Equal("NDCG@20", spec.Gate!.Metric);
        Assert.Equal("local", spec.Embedding!.Provider);
        Assert.Equal(3, spec.Worker!.MaxAttempts);
        Assert.Equal(5, spec.Dataset.KCore);
    }

    [Fact]
    public void Every_invalid_field_is_reported_with_its_path()
    {
        var error = Assert.Throws<PipelineSpecException>(() => PipelineSpecReader.Read("""
            {
              "dataset": { "source": "ftp://example.org/x", "testFraction": 1.5, "kCore": -1 },
              "embedding": { "provider": "palm", "batchSize": 0 },
              "models": [ { "name": "sasrec", "preset": "p9" }, { "name": "nosuchmodel" }, { "name": "vsknn", "config": { "k": "many" } } ],
              "cutoffs": [ 10, 10 ],
              "gate": { "metric": "NDCG@50", "margin": -0.1 },
              "worker": { "maxAttempts": 0, "timeoutMinutes": 0 }
            }
            """));

        var fields = error.Errors.Select(e => e.Field).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "$.dataset.source", "$.dataset.testFraction", "$.dataset.kCore", "$.embedding.provider", "$.embedding.batchSize",
            "$.models[0].preset", "$.models[1].name", "$.models[2].config", "$.cutoffs", "$.gate.metric", "$.gate.margin",
            "$.worker.maxAttempts", "$.worker.timeoutMinutes",
        }, fields);
        Assert.Contains(error.Errors, e => e.Field == "$.models[0].preset" && e.Message.Contains("p9", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Field == "$.models[1].name" && e.Message.Contains("sasrec", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_json_names_the_line()
    {
        var error = Assert.Throws<PipelineSpecException>(() => PipelineSpecReader.Read("{\n  \"dataset\": { \"source\": \"demo\" },\n  \"models\": [ { \"name\": } ]\n}"));

        Assert.Contains("line 3", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fields_are_errors_not_ignored()
    {
        var error = Assert.Throws<PipelineSpecException>(() => PipelineSpecReader.Read("""{ "dataset": { "source": "demo", "kcores": 5 } }"""));

        Assert.Contains("kcores", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_model_twice_needs_distinct_presets_or_seeds()
    {
        var error = Assert.Throws<PipelineSpecException>(() => PipelineSpecReader.Read("""{ "dataset": { "source": "demo" }, "models": [ { "name": "vsknn" }, { "name": "vsknn" } ] }"""));
        Assert.Equal("$.models[1]", Assert.Single(error.Errors).Field);

        var spec = PipelineSpecReader.Read("""{ "dataset": { "source": "demo" }, "models": [ { "name": "sasrec", "seed": 1 }, { "name": "sasrec", "seed": 2 } ] }""");
        Assert.Equal(["sasrec-s1", "sasrec-s2"], spec.Models!.Select(m => m.Slug));
    }

    [Theory]
    [InlineData("demo", DatasetSourceKind.Demo, null)]
    [InlineData("data/beauty", DatasetSourceKind.Folder, null)]
    [InlineData("https://example.org/beauty.zip", DatasetSourceKind.Url, null)]
    [InlineData("https://example.org/beauty.tar", DatasetSourceKind.Url, ".zip")]
    [InlineData("store:inputs/beauty", DatasetSourceKind.Store, null)]
    [InlineData("store:../x", DatasetSourceKind.Store, "plain path segments")]
    public void Dataset_sources_are_parsed(string text, DatasetSourceKind kind, string? error)
    {
        var source = DatasetSource.Parse(text);

        Assert.Equal(kind, source.Kind);
        if (error is null)
        {
            Assert.Null(source.Error);
        }
        else
        {
            Assert.Contains(error, source.Error, StringComparison.Ordinal);
        }
    }
}
