namespace LlmSeqRec.Data;

/// <summary>
/// Bad input: names the file, the 1-based line (when there is one) and the field (when there is one).
/// </summary>
public sealed class DatasetFormatException : Exception
{
    public DatasetFormatException(string file, long? line, string? field, string reason)
        : base(Format(file, line, field, reason))
    {
        File = file;
        Line = line;
        Field = field;
        Reason = reason;
    }

    /// <summary>The input file (as given by the user).</summary>
    public string File { get; }

    /// <summary>1-based line number, or null when the error concerns the whole file.</summary>
    public long? Line { get; }

    /// <summary>The column or key at fault, when there is one.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    private static string Format(string file, long? line, string? field, string reason)
    {
        var location = line is { } l ? $"{file}:{l}" : file;
        return field is null ? $"{location}: {reason}" : $"{location}: field '{field}': {reason}";
    }
}

/// <summary>The input is well-formed but cannot make a dataset (for example nothing is left after filtering).</summary>
public sealed class DatasetValidationException(string message) : Exception(message);
