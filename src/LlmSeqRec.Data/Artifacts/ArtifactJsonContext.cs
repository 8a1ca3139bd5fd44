using System.Text.Json.Serialization;

namespace LlmSeqRec.Data.Artifacts;

/// <summary>One line of <c>items.jsonl</c>.</summary>
internal sealed record ItemLine(string Id, string? Title, Dictionary<string, string>? Attributes);

/// <summary>One line of <c>sessions.jsonl</c>.</summary>
internal sealed record SessionLine(string Id, int[] Items, long[] Timestamps);

/// <summary>One line of <c>test.jsonl</c> or <c>fold-N.jsonl</c>.</summary>
internal sealed record CaseLine(int Session, int[] Prompt, int[] Truth);

/// <summary>Source-generated JSON for the prepared-dataset artifact.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DatasetManifest))]
[JsonSerializable(typeof(ItemLine))]
[JsonSerializable(typeof(SessionLine))]
[JsonSerializable(typeof(CaseLine))]
internal sealed partial class ArtifactJsonContext : JsonSerializerContext;
