using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// The bytes of a checkpoint, whatever store keeps them: a header line, the run's metadata as JSON, then the
/// weights, the best weights and the optimiser state, each length-prefixed.
/// </summary>
public static class TrainingCheckpointFormat
{
    private const string Header = "llmseqrec.checkpoint/1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes <paramref name="checkpoint"/> to <paramref name="stream"/> (left open).</summary>
    public static void Write(Stream stream, TrainingCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Header);
        writer.Write(JsonSerializer.Serialize(Metadata.Of(checkpoint), Json));
        foreach (var blob in new[] { checkpoint.Weights, checkpoint.BestWeights, checkpoint.OptimizerState })
        {
            writer.Write(blob.Length);
            writer.Write(blob);
        }
    }

    /// <summary>Reads a checkpoint written by <see cref="Write"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">Not a checkpoint of this tool, or damaged.</exception>
    public static TrainingCheckpoint Read(byte[] bytes, string source)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            if (reader.ReadString() != Header)
            {
                throw new InvalidDataException($"{source} is not a checkpoint of this tool (expected {Header})");
            }

            var metadata = JsonSerializer.Deserialize<Metadata>(reader.ReadString(), Json)
                ?? throw new InvalidDataException($"{source}: empty metadata");
            var blobs = new byte[3][];
            for (var i = 0; i < blobs.Length; i++)
            {
                blobs[i] = reader.ReadBytes(reader.ReadInt32());
            }

            return new TrainingCheckpoint(metadata.RunKey, metadata.Epoch, metadata.BestScore, metadata.BestEpoch, metadata.Finished,
                metadata.History, blobs[0], blobs[1], blobs[2]);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException)
        {
            throw new InvalidDataException($"{source} is damaged: {e.Message}", e);
        }
    }

    private sealed record Metadata(string RunKey, int Epoch, double BestScore, int BestEpoch, bool Finished, EpochSummary[] History)
    {
        public static Metadata Of(TrainingCheckpoint c) => new(c.RunKey, c.Epoch, c.BestScore, c.BestEpoch, c.Finished, [.. c.History]);
    }
}
