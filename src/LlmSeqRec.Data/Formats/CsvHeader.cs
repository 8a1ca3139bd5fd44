namespace LlmSeqRec.Data.Formats;

/// <summary>The header row of a CSV file: column names, checked for duplicates, resolved to indexes.</summary>
public sealed class CsvHeader
{
    private readonly Dictionary<string, int> _index;

    private CsvHeader(string file, IReadOnlyList<string> names, Dictionary<string, int> index)
    {
        File = file;
        Names = names;
        _index = index;
    }

    /// <summary>The file the header belongs to.</summary>
    public string File { get; }

    /// <summary>Column names in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Reads the first record of <paramref name="reader"/> as the header.</summary>
    public static CsvHeader Read(CsvRecordReader reader)
    {
        var fields = new List<string>();
        if (!reader.TryRead(fields))
        {
            throw new DatasetFormatException(reader.File, 1, null, "the file is empty (a header line is expected)");
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Trim();
            if (name.Length == 0)
            {
                throw new DatasetFormatException(reader.File, reader.RecordLine, null, $"header column {i + 1} has no name");
            }

            if (!index.TryAdd(name, i))
            {
                throw new DatasetFormatException(reader.File, reader.RecordLine, name, $"duplicate column in the header (columns {index[name] + 1} and {i + 1})");
            }

            fields[i] = name;
        }

        return new CsvHeader(reader.File, fields.ToArray(), index);
    }

    /// <summary>The index of a column that must exist.</summary>
    public int Require(string column, string option)
    {
        if (_index.TryGetValue(column, out var i))
        {
            return i;
        }

        throw new DatasetFormatException(File, 1, column,
            $"unknown column (set by {option}); the header has: {string.Join(", ", Names)}");
    }

    /// <summary>Throws when the record just read by <paramref name="reader"/> has a different number of fields than the header.</summary>
    public void CheckFieldCount(List<string> fields, CsvRecordReader reader)
    {
        if (fields.Count != Names.Count)
        {
            throw new DatasetFormatException(reader.File, reader.RecordLine, null, $"{fields.Count} fields where the header has {Names.Count}");
        }
    }
}
