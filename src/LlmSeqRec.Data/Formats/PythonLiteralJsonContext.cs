using System.Text.Json.Serialization;

namespace LlmSeqRec.Data.Formats;

/// <summary>Source-generated JSON for rendering parsed Python literals as text.</summary>
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(List<object?>))]
[JsonSerializable(typeof(Dictionary<string, object?>))]
internal sealed partial class PythonLiteralJsonContext : JsonSerializerContext;
