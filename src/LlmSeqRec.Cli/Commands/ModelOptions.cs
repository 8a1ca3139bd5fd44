using System.CommandLine;
using System.Text.Json;
using LlmSeqRec.Cli.Terminal;
using LlmSeqRec.Embeddings;
using LlmSeqRec.Models;

namespace LlmSeqRec.Cli.Commands;

/// <summary>The options that choose a model and its configuration, and the embeddings it may need.</summary>
internal sealed class ModelOptions
{
    public Option<string> Model { get; } = new("--model", "-m") { Description = $"Model to fit and score: {string.Join(", ", ModelRegistry.Names)}." };

    public Option<string?> Preset { get; } = new("--preset") { Description = "A named configuration of the model: p1 or p2 (the papers' Beauty settings)." };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "Configuration fields overriding the preset or the defaults: a JSON file, or inline JSON such as '{\"similarity\": \"dot\"}'.",
    };

    public Option<int?> Seed { get; } = new("--seed") { Description = "Seed of models with randomness." };

    public Option<bool?> FilterPromptItems { get; } = new("--filter-prompt-items") { Description = "Leave out items already in the prompt (the model's own default otherwise)." };

    public EmbeddingOptions Embedding { get; } = new();

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Model, Preset, Config, Seed, FilterPromptItems })
        {
            command.Options.Add(option);
        }

        Embedding.AddTo(command);
    }

    /// <summary>The settings named on the command line.</summary>
    public ModelSettings Settings(ParseResult result) =>
        new(result.GetValue(FilterPromptItems), result.GetValue(Preset), ReadJson("--config", result.GetValue(Config)), result.GetValue(Seed));

    /// <summary>
    /// Creates the model. Its item embeddings (when it needs them) come from the chosen provider through the
    /// embeddings store, with progress; the returned lease disposes the provider.
    /// </summary>
    public (IRecommender Model, IDisposable Lease) Create(ParseResult result, ConsoleReporter reporter)
    {
        var (services, lease) = Services(result, reporter);
        return (ModelRegistry.Create(result.GetValue(Model)!, Settings(result), services), lease);
    }

    /// <summary>What models may ask the host for; the lease disposes the embedding provider once it was created.</summary>
    public (ModelServices Services, IDisposable Lease) Services(ParseResult result, ConsoleReporter reporter)
    {
        return Embedding.Services(result, reporter);
    }

    /// <summary>Reads a JSON option value: inline JSON (starting with '{') or the path of a JSON file.</summary>
    public static JsonElement? ReadJson(string option, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var inline = value.TrimStart().StartsWith('{');
        var text = inline ? value : File.Exists(value) ? File.ReadAllText(value) : throw new ArgumentException($"{option}: no such file '{value}'");
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{(inline ? option : value)}: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }
    }
}
