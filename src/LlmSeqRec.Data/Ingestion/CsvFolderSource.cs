using System.Globalization;
using LlmSeqRec.Data.Formats;

namespace LlmSeqRec.Data.Ingestion;

/// <summary>
/// A dataset folder with <c>interactions.csv</c> (session, item, timestamp) and <c>items.csv</c> (item id, title
/// and optional columns, kept as attributes). Column names are set by <see cref="CsvColumns"/>. Timestamps are
/// integer unix seconds or ISO 8601 date-times.
/// </summary>
public sealed class CsvFolderSource(string folder, CsvColumns? columns = null) : IDatasetSource
{
    /// <summary>File name of the interactions table.</summary>
    public const string InteractionsFileName = "interactions.csv";

    /// <summary>File name of the catalog table.</summary>
    public const string ItemsFileName = "items.csv";

    private readonly CsvColumns _columns = columns ?? new CsvColumns();

    /// <inheritdoc />
    public string InteractionsFile { get; } = Path.Combine(folder, InteractionsFileName);

    /// <inheritdoc />
    public string ItemsFile { get; } = Path.Combine(folder, ItemsFileName);

    /// <summary>True when <paramref name="folder"/> holds an interactions.csv.</summary>
    public static bool IsCsvFolder(string folder) => File.Exists(Path.Combine(folder, InteractionsFileName));

    /// <inheritdoc />
    public SourceDescription Describe() => new("csv",
    [
        new SourceFile(InteractionsFileName, new FileInfo(InteractionsFile).Length),
        new SourceFile(ItemsFileName, File.Exists(ItemsFile) ? new FileInfo(ItemsFile).Length : 0),
    ]);

    /// <inheritdoc />
    public IEnumerable<RawInteraction> ReadInteractions(BadLinePolicy badLines, CancellationToken cancellationToken = default)
    {
        using var reader = new CsvRecordReader(InputFile.OpenText(InteractionsFile), InteractionsFile);
        var header = CsvHeader.Read(reader);
        var sessionColumn = header.Require(_columns.SessionId, "--session-column");
        var itemColumn = header.Require(_columns.ItemId, "--item-column");
        var timeColumn = header.Require(_columns.Timestamp, "--timestamp-column");
        var fields = new List<string>(header.Names.Count);
        while (true)
        {
            RawInteraction interaction;
            try
            {
                if (!reader.TryRead(fields))
                {
                    yield break;
                }

                if ((reader.RecordLine & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                header.CheckFieldCount(fields, reader);
                var session = RequireId(fields[sessionColumn], _columns.SessionId, reader);
                var item = RequireId(fields[itemColumn], _columns.ItemId, reader);
                var time = ParseTimestamp(fields[timeColumn], reader);
                interaction = new RawInteraction(session, item, time, reader.RecordLine);
            }
            catch (DatasetFormatException e)
            {
                badLines.Handle(e);
                continue;
            }

            yield return interaction;
        }
    }

    /// <inheritdoc />
    public IEnumerable<RawItem> ReadItems(BadLinePolicy badLines, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(ItemsFile))
        {
            throw new DatasetFormatException(ItemsFile, null, null, "file not found (the catalog is required next to interactions.csv)");
        }

        using var reader = new CsvRecordReader(InputFile.OpenText(ItemsFile), ItemsFile);
        var header = CsvHeader.Read(reader);
        var idColumn = header.Require(_columns.ItemId, "--item-column");
        var titleColumn = header.Require(_columns.Title, "--title-column");
        var fields = new List<string>(header.Names.Count);
        while (true)
        {
            RawItem item;
            try
            {
                if (!reader.TryRead(fields))
                {
                    yield break;
                }

                header.CheckFieldCount(fields, reader);
                var id = RequireId(fields[idColumn], _columns.ItemId, reader);
                var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < fields.Count; i++)
                {
                    if (i != idColumn && i != titleColumn && fields[i].Length > 0)
                    {
                        attributes[header.Names[i]] = fields[i];
                    }
                }

                item = new RawItem(id, fields[titleColumn], attributes, reader.RecordLine);
            }
            catch (DatasetFormatException e)
            {
                badLines.Handle(e);
                continue;
            }

            yield return item;
        }
    }

    private static string RequireId(string value, string column, CsvRecordReader reader)
    {
        var id = value.Trim();
        if (id.Length == 0)
        {
            throw new DatasetFormatException(reader.File, reader.RecordLine, column, "empty id");
        }

        return id;
    }

    private static long ParseTimestamp(string value, CsvRecordReader reader)
    {
        var text = value.AsSpan().Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds;
        }

        // ISO 8601 only (yyyy-MM-dd, optionally with a time and offset); other date forms are ambiguous.
        var looksIso = text.Length >= 10 && char.IsAsciiDigit(text[0]) && text[4] == '-' && text[7] == '-';
        if (looksIso && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date.ToUnixTimeSeconds();
        }

        throw new DatasetFormatException(reader.File, reader.RecordLine, null,
            $"timestamp '{value}' is neither integer unix seconds nor an ISO 8601 date-time");
    }
}

/// <summary>Column names of a CSV dataset folder.</summary>
/// <param name="SessionId">Session (user) id column of interactions.csv.</param>
/// <param name="ItemId">Item id column of interactions.csv and items.csv.</param>
/// <param name="Timestamp">Timestamp column of interactions.csv.</param>
/// <param name="Title">Title column of items.csv.</param>
public sealed record CsvColumns(
    string SessionId = "SessionId",
    string ItemId = "ItemId",
    string Timestamp = "Timestamp",
    string Title = "Title");
