using System.Text;
using System.Text.Json;

namespace LlmSeqRec.Data.Artifacts;

/// <summary>
/// Writes and reads the prepared-dataset artifact: a folder with <c>manifest.json</c>, <c>items.jsonl</c>
/// (one item per line, dense index order), <c>sessions.jsonl</c> (end-time order), <c>test.jsonl</c> and
/// <c>fold-N.jsonl</c> (cases with dense indexes). Writes are atomic: everything goes to a temporary sibling
/// folder that is renamed into place; writing the same content again leaves the folder untouched.
/// </summary>
public static class PreparedDatasetStore
{
    /// <summary>Name of the manifest file.</summary>
    public const string ManifestFile = "manifest.json";

    private const string ItemsFile = "items.jsonl";
    private const string SessionsFile = "sessions.jsonl";
    private const string TestFile = "test.jsonl";

    private static readonly JsonSerializerOptions ManifestOptions = new(ArtifactJsonContext.Default.Options) { WriteIndented = true };

    /// <summary>True when <paramref name="folder"/> holds a prepared dataset.</summary>
    public static bool IsPreparedDataset(string folder) => File.Exists(Path.Combine(folder, ManifestFile));

    /// <summary>Reads the manifest only.</summary>
    public static DatasetManifest ReadManifest(string folder)
    {
        var path = Path.Combine(folder, ManifestFile);
        try
        {
            var manifest = JsonSerializer.Deserialize(File.ReadAllText(path), ArtifactJsonContext.Default.DatasetManifest)
                           ?? throw new DatasetFormatException(path, null, null, "empty manifest");
            if (manifest.Format != DatasetManifest.CurrentFormat)
            {
                throw new DatasetFormatException(path, null, "format",
                    $"'{manifest.Format}' is not supported (this version reads {DatasetManifest.CurrentFormat}); re-ingest the source");
            }

            return manifest;
        }
        catch (JsonException e)
        {
            throw new DatasetFormatException(path, e.LineNumber + 1, e.Path, $"malformed manifest: {e.Message}");
        }
    }

    /// <summary>Writes <paramref name="dataset"/> to <paramref name="folder"/> atomically.</summary>
    public static WriteOutcome Write(PreparedDataset dataset, string folder)
    {
        folder = Path.GetFullPath(folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        if (HoldsIntact(folder, dataset.Manifest))
        {
            return WriteOutcome.Unchanged;
        }

        return AtomicFolder.Write(folder, temp => WriteFiles(dataset, temp));
    }

    /// <summary>True when <paramref name="folder"/> holds this manifest's dataset and its files still match the hashes.</summary>
    private static bool HoldsIntact(string folder, DatasetManifest manifest)
    {
        if (!IsPreparedDataset(folder))
        {
            return false;
        }

        try
        {
            var existing = ReadManifest(folder);
            if (existing.ContentHash != manifest.ContentHash || existing.MetadataHash != manifest.MetadataHash)
            {
                return false;
            }

            Read(folder);
            return true;
        }
        catch (DatasetFormatException)
        {
            return false;
        }
    }

    private static void WriteFiles(PreparedDataset dataset, string folder)
    {
        WriteLines(Path.Combine(folder, ItemsFile), Enumerable.Range(0, dataset.Catalog.Count), i =>
            JsonSerializer.Serialize(
                new ItemLine(dataset.Catalog.Ids[i], dataset.Catalog.Titles[i],
                    dataset.Catalog.Attributes[i].Count == 0 ? null : new Dictionary<string, string>(dataset.Catalog.Attributes[i])),
                ArtifactJsonContext.Default.ItemLine));
        var sessions = dataset.Sessions;
        WriteLines(Path.Combine(folder, SessionsFile), Enumerable.Range(0, sessions.Count), s =>
            JsonSerializer.Serialize(
                new SessionLine(sessions.Ids[s], sessions.ItemsOf(s).ToArray(), sessions.TimestampsOf(s).ToArray()),
                ArtifactJsonContext.Default.SessionLine));
        WriteCases(Path.Combine(folder, TestFile), dataset.Test);
        foreach (var fold in dataset.Folds)
        {
            WriteCases(Path.Combine(folder, FoldFile(fold.Number)), fold.Cases);
        }

        // The manifest goes last: a folder with a manifest is complete.
        File.WriteAllText(Path.Combine(folder, ManifestFile),
            JsonSerializer.Serialize(dataset.Manifest, ManifestOptions.GetTypeInfo(typeof(DatasetManifest))) + "\n");
    }

    private static string FoldFile(int number) => $"fold-{number}.jsonl";

    private static void WriteCases(string path, IReadOnlyList<EvaluationCase> cases) =>
        WriteLines(path, cases, c => JsonSerializer.Serialize(new CaseLine(c.Session, c.Prompt, c.GroundTruth), ArtifactJsonContext.Default.CaseLine));

    private static void WriteLines<T>(string path, IEnumerable<T> values, Func<T, string> format)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" })
        {
            foreach (var value in values)
            {
                writer.WriteLine(format(value));
            }

            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>Reads a prepared dataset and checks it against its manifest's content hash.</summary>
    public static PreparedDataset Read(string folder)
    {
        var manifest = ReadManifest(folder);
        var items = ReadLines(Path.Combine(folder, ItemsFile), ArtifactJsonContext.Default.ItemLine);
        var catalog = new Catalog(
            items.Select(i => i.Id).ToArray(),
            items.Select(i => i.Title).ToArray(),
            items.Select(i => (IReadOnlyDictionary<string, string>)(i.Attributes ?? [])).ToArray());

        var sessionLines = ReadLines(Path.Combine(folder, SessionsFile), ArtifactJsonContext.Default.SessionLine);
        var offsets = new int[sessionLines.Count + 1];
        for (var s = 0; s < sessionLines.Count; s++)
        {
            offsets[s + 1] = offsets[s] + sessionLines[s].Items.Length;
        }

        var sessions = new SessionTable(
            sessionLines.Select(s => s.Id).ToArray(),
            offsets,
            sessionLines.SelectMany(s => s.Items).ToArray(),
            sessionLines.SelectMany(s => s.Timestamps).ToArray());

        var test = ReadCases(Path.Combine(folder, TestFile));
        var folds = manifest.Folds
            .Select(f => new ValidationFold(f.Number, f.TrainSessions, ReadCases(Path.Combine(folder, FoldFile(f.Number)))))
            .ToArray();

        var contentHash = DatasetHasher.ContentHash(manifest.Parameters, catalog, sessions, manifest.Counts.TrainSessions, test, folds);
        var metadataHash = DatasetHasher.MetadataHash(catalog, sessions);
        if (contentHash != manifest.ContentHash || metadataHash != manifest.MetadataHash)
        {
            throw new DatasetFormatException(Path.Combine(folder, ManifestFile), null, "contentHash",
                "the files do not match the manifest's hashes (the artifact is damaged or was edited); re-ingest the source");
        }

        var dataset = new PreparedDataset(catalog, sessions, manifest.Counts.TrainSessions, test, folds, manifest);
        return dataset;
    }

    private static EvaluationCase[] ReadCases(string path) =>
        ReadLines(path, ArtifactJsonContext.Default.CaseLine).Select(c => new EvaluationCase(c.Session, c.Prompt, c.Truth)).ToArray();

    private static List<T> ReadLines<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        if (!File.Exists(path))
        {
            throw new DatasetFormatException(path, null, null, "file not found (the prepared dataset is incomplete)");
        }

        var result = new List<T>();
        long line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            try
            {
                result.Add(JsonSerializer.Deserialize(text, typeInfo)
                           ?? throw new DatasetFormatException(path, line, null, "null line"));
            }
            catch (JsonException e)
            {
                throw new DatasetFormatException(path, line, e.Path, $"malformed JSON: {e.Message}");
            }
        }

        return result;
    }
}

/// <summary>What a write did.</summary>
public enum WriteOutcome
{
    /// <summary>The folder did not exist and was created.</summary>
    Created,

    /// <summary>The folder held the same content and was left alone.</summary>
    Unchanged,

    /// <summary>The folder held other content and was replaced.</summary>
    Replaced,
}
