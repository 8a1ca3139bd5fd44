using System.IO.Compression;
using System.Text;

namespace LlmSeqRec.Data.Formats;

/// <summary>Opens input files for streaming, transparently decompressing <c>.gz</c>.</summary>
public static class InputFile
{
    private const int BufferSize = 1 << 16;

    /// <summary>Opens <paramref name="path"/> as a UTF-8 byte stream (gunzipped when it ends in .gz).</summary>
    public static Stream OpenRead(string path)
    {
        if (!File.Exists(path))
        {
            throw new DatasetFormatException(path, null, null, "file not found");
        }

        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new BufferedStream(new GZipStream(stream, CompressionMode.Decompress), BufferSize)
            : stream;
    }

    /// <summary>Opens <paramref name="path"/> as UTF-8 text (gunzipped when it ends in .gz).</summary>
    public static StreamReader OpenText(string path) =>
        new(OpenRead(path), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, BufferSize);
}
