using Microsoft.DurableTask.Converters;

namespace LlmSeqRec.DurableHost;

/// <summary>
/// The Durable Task Framework's payload converter made of the SDK's System.Text.Json converter, so the client's
/// inputs and events read the same way inside the SDK-style orchestrations on this host.
/// </summary>
internal sealed class SdkPayloadConverter : DurableTask.Core.Serializing.DataConverter
{
    public static JsonDataConverter Sdk { get; } = JsonDataConverter.Default;

    public override string? Serialize(object? value) => Sdk.Serialize(value);

    public override string? Serialize(object? value, bool formatted) => Sdk.Serialize(value);

    public override object? Deserialize(string? data, Type objectType) => Sdk.Deserialize(data, objectType);
}
