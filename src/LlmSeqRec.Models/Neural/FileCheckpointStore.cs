using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// Keeps the latest checkpoint as one file, <c>checkpoint.bin</c>, in a folder: a header line, the run's metadata
/// as JSON, then the weights, the best weights and the optimiser state, each length-prefixed. Written to a
/// temporary sibling, flushed to disk and renamed over the old file.
/// </summary>
/// <param name="folder">The folder (created on the first save).</param>
public sealed class FileCheckpointStore(string folder) : ICheckpointStore
{
    /// <summary>The checkpoint's file name inside the folder.</summary>
    public const string FileName = "checkpoint.bin";

    private const string Header = "llmseqrec.checkpoint/1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The checkpoint file.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetFullPath(folder), FileName);

    /// <inheritdoc />
    public async Task SaveAsync(TrainingCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temp = $"{Path}.tmp-{Guid.NewGuid():N}";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
            {
                await using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
                {
                    writer.Write(Header);
                    writer.Write(JsonSerializer.Serialize(Metadata.Of(checkpoint), Json));
                    foreach (var blob in new[] { checkpoint.Weights, checkpoint.BestWeights, checkpoint.OptimizerState })
                    {
                        writer.Write(blob.Length);
                        writer.Write(blob);
                    }
                }

                await stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <inheritdoc />
    public async Task<TrainingCheckpoint?> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        var bytes = await File.ReadAllBytesAsync(Path, cancellationToken).ConfigureAwait(false);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            if (reader.ReadString() != Header)
            {
                throw new InvalidDataException($"{Path} is not a checkpoint of this tool (expected {Header})");
            }

            var metadata = JsonSerializer.Deserialize<Metadata>(reader.ReadString(), Json)
                ?? throw new InvalidDataException($"{Path}: empty metadata");
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
            throw new InvalidDataException($"{Path} is damaged: {e.Message}", e);
        }
    }

    private sealed record Metadata(string RunKey, int Epoch, double BestScore, int BestEpoch, bool Finished, EpochSummary[] History)
    {
        public static Metadata Of(TrainingCheckpoint c) => new(c.RunKey, c.Epoch, c.BestScore, c.BestEpoch, c.Finished, [.. c.History]);
    }
}
