using System.Buffers;
using System.Text;
using System.Text.Json;
using LlmSeqRec.Data.Formats;

namespace LlmSeqRec.Data.Ingestion;

/// <summary>
/// The Amazon product data 2014 dumps: reviews as JSON lines (<c>reviewerID</c>, <c>asin</c>, <c>unixReviewTime</c>;
/// other fields ignored) and metadata as one Python dict literal per line (<c>asin</c>, optional <c>title</c>,
/// and the keys of <see cref="AmazonDumpOptions.MetadataKeys"/> kept as attributes). Files may be gzipped.
/// A session is one reviewer's reviews.
/// </summary>
public sealed class AmazonDumpSource(string reviewsFile, string metadataFile, AmazonDumpOptions? options = null) : IDatasetSource
{
    private readonly AmazonDumpOptions _options = options ?? new AmazonDumpOptions();

    /// <inheritdoc />
    public string InteractionsFile => reviewsFile;

    /// <inheritdoc />
    public string ItemsFile => metadataFile;

    /// <summary>Finds <c>reviews_*.json[.gz]</c> and <c>meta_*.json[.gz]</c> in a folder (or its <c>raw/</c> sub-folder).</summary>
    public static AmazonDumpSource? TryFind(string folder, AmazonDumpOptions? options = null)
    {
        foreach (var dir in new[] { folder, Path.Combine(folder, "raw") })
        {
            if (!Directory.Exists(dir))
            {
                continue;
            }

            var reviews = FindOne(dir, "reviews_*.json*");
            var meta = FindOne(dir, "meta_*.json*");
            if (reviews is not null && meta is not null)
            {
                return new AmazonDumpSource(reviews, meta, options);
            }
        }

        return null;
    }

    private static string? FindOne(string dir, string pattern)
    {
        var files = Directory.GetFiles(dir, pattern)
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".json.gz", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        return files.Length switch
        {
            0 => null,
            1 => files[0],
            _ => throw new DatasetValidationException($"{dir}: several files match {pattern} ({string.Join(", ", files.Select(Path.GetFileName))}); pass them explicitly"),
        };
    }

    /// <inheritdoc />
    public SourceDescription Describe() => new("amazon-2014",
    [
        new SourceFile(Path.GetFileName(reviewsFile), new FileInfo(reviewsFile).Length),
        new SourceFile(Path.GetFileName(metadataFile), new FileInfo(metadataFile).Length),
    ]);

    /// <inheritdoc />
    public IEnumerable<RawInteraction> ReadInteractions(BadLinePolicy badLines, CancellationToken cancellationToken = default)
    {
        using var reader = InputFile.OpenText(reviewsFile);
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            long lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if ((lineNumber & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var needed = Encoding.UTF8.GetMaxByteCount(line.Length);
                if (needed > buffer.Length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(needed);
                }

                var length = Encoding.UTF8.GetBytes(line, buffer);
                if (TryParseReview(buffer.AsSpan(0, length), lineNumber, out var interaction, out var error))
                {
                    yield return interaction;
                }
                else
                {
                    badLines.Handle(error!);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private bool TryParseReview(ReadOnlySpan<byte> json, long lineNumber, out RawInteraction interaction, out DatasetFormatException? error)
    {
        interaction = default;
        string? reviewer = null, asin = null;
        long? time = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = new DatasetFormatException(reviewsFile, lineNumber, null, "a JSON object is expected");
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("reviewerID"u8))
                {
                    reader.Read();
                    reviewer = ReadId(ref reader);
                }
                else if (reader.ValueTextEquals("asin"u8))
                {
                    reader.Read();
                    asin = ReadId(ref reader);
                }
                else if (reader.ValueTextEquals("unixReviewTime"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var t))
                    {
                        error = new DatasetFormatException(reviewsFile, lineNumber, "unixReviewTime", "an integer number of seconds is expected");
                        return false;
                    }

                    time = t;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                error = new DatasetFormatException(reviewsFile, lineNumber, null, "text after the JSON object");
                return false;
            }
        }
        catch (JsonException e)
        {
            error = new DatasetFormatException(reviewsFile, lineNumber, null, $"malformed JSON ({e.Message.Split(" LineNumber", 2)[0]})");
            return false;
        }

        var missing = reviewer is null ? "reviewerID" : asin is null ? "asin" : time is null ? "unixReviewTime" : null;
        if (missing is not null)
        {
            error = new DatasetFormatException(reviewsFile, lineNumber, missing, "missing or empty");
            return false;
        }

        interaction = new RawInteraction(reviewer!, asin!, time!.Value, lineNumber);
        error = null;
        return true;
    }

    private static string? ReadId(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var s = reader.GetString();
            return string.IsNullOrWhiteSpace(s) ? null : s;
        }

        reader.Skip();
        return null;
    }

    /// <inheritdoc />
    public IEnumerable<RawItem> ReadItems(BadLinePolicy badLines, CancellationToken cancellationToken = default)
    {
        using var reader = InputFile.OpenText(metadataFile);
        long lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if ((lineNumber & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var item = ParseMetadata(line, lineNumber, out var error);
            if (item is not null)
            {
                yield return item;
            }
            else
            {
                badLines.Handle(error!);
            }
        }
    }

    private RawItem? ParseMetadata(string line, long lineNumber, out DatasetFormatException? error)
    {
        object? value;
        try
        {
            value = PythonLiteral.Parse(line);
        }
        catch (FormatException e)
        {
            error = new DatasetFormatException(metadataFile, lineNumber, null, $"malformed Python literal: {e.Message}");
            return null;
        }

        if (value is not Dictionary<string, object?> dict)
        {
            error = new DatasetFormatException(metadataFile, lineNumber, null, "a dict literal {...} is expected");
            return null;
        }

        if (!dict.TryGetValue("asin", out var asin) || asin is not string id || string.IsNullOrWhiteSpace(id))
        {
            error = new DatasetFormatException(metadataFile, lineNumber, "asin", "missing, empty or not a string");
            return null;
        }

        string? title = null;
        if (dict.TryGetValue("title", out var t) && t is not null)
        {
            if (t is not string s)
            {
                error = new DatasetFormatException(metadataFile, lineNumber, "title", "not a string");
                return null;
            }

            title = s;
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in _options.MetadataKeys)
        {
            if (dict.TryGetValue(key, out var v) && v is not null)
            {
                attributes[key] = PythonLiteral.ToText(v);
            }
        }

        error = null;
        return new RawItem(id, title, attributes, lineNumber);
    }
}

/// <summary>Options for reading the Amazon 2014 dumps.</summary>
/// <param name="MetadataKeys">Metadata keys kept as item attributes (besides asin and title).</param>
public sealed record AmazonDumpOptions(IReadOnlyList<string> MetadataKeys)
{
    /// <summary>Keeps <c>brand</c> and <c>categories</c>.</summary>
    public AmazonDumpOptions()
        : this(["brand", "categories"])
    {
    }
}
