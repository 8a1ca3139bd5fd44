using System.Text.Json;
using LlmSeqRec.Models;

namespace LlmSeqRec.Models.Tests;

public class ModelConfigurationTests
{
    public enum Sampling { Recent, Random }

    public sealed record Config(int K = 100, Sampling Sampling = Sampling.Recent, double? Decay = null);

    private static readonly Dictionary<string, Config> Presets = new() { ["p1"] = new Config(70, Sampling.Random, 0.5) };

    private static ModelSettings With(string? preset = null, string? json = null) =>
        new(Preset: preset, Config: json is null ? null : JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Defaults_when_nothing_is_chosen() =>
        Assert.Equal(new Config(), ModelConfiguration.Resolve("m", With(), new Config(), Presets));

    [Fact]
    public void Preset_replaces_the_defaults_case_insensitively() =>
        Assert.Equal(new Config(70, Sampling.Random, 0.5), ModelConfiguration.Resolve("m", With("P1"), new Config(), Presets));

    [Fact]
    public void Json_fields_override_the_preset_and_keep_the_rest()
    {
        var config = ModelConfiguration.Resolve("m", With("p1", """{"k": 5, "sampling": "recent"}"""), new Config(), Presets);
        Assert.Equal(new Config(5, Sampling.Recent, 0.5), config);
    }

    [Fact]
    public void Unknown_preset_lists_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelConfiguration.Resolve("vsknn", With("p9"), new Config(), Presets));
        Assert.Contains("p9", e.Message);
        Assert.Contains("p1", e.Message);
    }

    [Fact]
    public void Unknown_field_is_named()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelConfiguration.Resolve("m", With(json: """{"kk": 1}"""), new Config()));
        Assert.Contains("'kk'", e.Message);
        Assert.Contains("sampling", e.Message);
    }

    [Fact]
    public void Wrong_type_names_the_field()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelConfiguration.Resolve("m", With(json: """{"sampling": "sometimes"}"""), new Config()));
        Assert.Contains("sampling", e.Message);
    }

    [Fact]
    public void Describe_writes_camel_case_and_enum_names() =>
        Assert.Equal("""{"k":70,"sampling":"random","decay":0.5}""", ModelConfiguration.Describe(Presets["p1"]));
}
