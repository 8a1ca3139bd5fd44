using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using LlmSeqRec.Data.Preparation;

namespace LlmSeqRec.Data.Artifacts;

/// <summary>SHA-256 hashes over a canonical binary form of a prepared dataset (see <see cref="DatasetManifest"/>).</summary>
public static class DatasetHasher
{
    /// <summary>Hash of what models and metrics see: parameters, titles, sessions, split.</summary>
    public static string ContentHash(
        IngestionOptions options,
        Catalog catalog,
        SessionTable sessions,
        int trainSessionCount,
        IReadOnlyList<EvaluationCase> test,
        IReadOnlyList<ValidationFold> folds)
    {
        using var h = new Hasher();
        h.Add("llmseqrec.content/1");
        h.Add(options.KCore);
        h.Add(options.TestFraction.ToString(System.Globalization.CultureInfo.InvariantCulture));
        h.Add(options.FoldCount);
        h.Add(catalog.Count);
        foreach (var title in catalog.Titles)
        {
            h.Add(title);
        }

        h.Add(sessions.Count);
        for (var s = 0; s < sessions.Count; s++)
        {
            h.Add(sessions.ItemsOf(s));
            h.Add(sessions.TimestampsOf(s));
        }

        h.Add(trainSessionCount);
        AddCases(h, test);
        h.Add(folds.Count);
        foreach (var fold in folds)
        {
            h.Add(fold.Number);
            h.Add(fold.TrainSessionCount);
            AddCases(h, fold.Cases);
        }

        return h.Finish();
    }

    /// <summary>Hash of the external ids and item attributes.</summary>
    public static string MetadataHash(Catalog catalog, SessionTable sessions)
    {
        using var h = new Hasher();
        h.Add("llmseqrec.metadata/1");
        h.Add(catalog.Count);
        for (var i = 0; i < catalog.Count; i++)
        {
            h.Add(catalog.Ids[i]);
            var attributes = catalog.Attributes[i];
            h.Add(attributes.Count);
            foreach (var key in attributes.Keys.Order(StringComparer.Ordinal))
            {
                h.Add(key);
                h.Add(attributes[key]);
            }
        }

        h.Add(sessions.Count);
        foreach (var id in sessions.Ids)
        {
            h.Add(id);
        }

        return h.Finish();
    }

    private static void AddCases(Hasher h, IReadOnlyList<EvaluationCase> cases)
    {
        h.Add(cases.Count);
        foreach (var c in cases)
        {
            h.Add(c.Session);
            h.Add(c.Prompt);
            h.Add(c.GroundTruth);
        }
    }

    /// <summary>Length-prefixed little-endian fields into SHA-256.</summary>
    private sealed class Hasher : IDisposable
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly byte[] _scratch = new byte[8];

        public void Add(int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_scratch, value);
            _hash.AppendData(_scratch, 0, 4);
        }

        public void Add(string? value)
        {
            if (value is null)
            {
                Add(-1);
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(value);
            Add(bytes.Length);
            _hash.AppendData(bytes);
        }

        public void Add(ReadOnlySpan<int> values)
        {
            Add(values.Length);
            AppendLittleEndian(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values), sizeof(int));
        }

        public void Add(ReadOnlySpan<long> values)
        {
            Add(values.Length);
            AppendLittleEndian(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values), sizeof(long));
        }

        private void AppendLittleEndian(ReadOnlySpan<byte> bytes, int width)
        {
            if (BitConverter.IsLittleEndian)
            {
                _hash.AppendData(bytes);
                return;
            }

            for (var i = 0; i < bytes.Length; i += width)
            {
                for (var b = width - 1; b >= 0; b--)
                {
                    _hash.AppendData(bytes.Slice(i + b, 1));
                }
            }
        }

        public string Finish() => "sha256:" + Convert.ToHexStringLower(_hash.GetHashAndReset());

        public void Dispose() => _hash.Dispose();
    }
}
