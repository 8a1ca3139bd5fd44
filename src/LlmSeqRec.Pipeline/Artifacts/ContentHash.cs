using System.Security.Cryptography;
using System.Text;

namespace LlmSeqRec.Pipeline.Artifacts;

/// <summary>SHA-256 content hashes as lower-case hex, the keys of content-addressed artifacts.</summary>
public static class ContentHash
{
    /// <summary>The hash of a stream's remaining bytes.</summary>
    public static async Task<string> OfAsync(Stream content, CancellationToken cancellationToken = default) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false));

    /// <summary>The hash of a file.</summary>
    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var file = File.OpenRead(path);
        return await OfAsync(file, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The hash of several parts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ.</summary>
    public static string Of(params IEnumerable<string?> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            var bytes = part is null ? [0xFF] : Encoding.UTF8.GetBytes(part);
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
