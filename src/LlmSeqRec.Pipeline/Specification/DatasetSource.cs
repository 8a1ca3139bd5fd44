namespace LlmSeqRec.Pipeline.Specification;

/// <summary>Where a dataset's input files come from.</summary>
public enum DatasetSourceKind
{
    /// <summary>The built-in demo dataset, generated on the spot (works offline on a fresh clone).</summary>
    Demo,

    /// <summary>A folder readable by the host (CSV dataset or Amazon 2014 dumps).</summary>
    Folder,

    /// <summary>An http(s) URL of a .zip archive of such a folder.</summary>
    Url,

    /// <summary>Files under a prefix of the artifact store (<c>store:&lt;prefix&gt;</c>).</summary>
    Store,
}

/// <summary>A parsed <see cref="DatasetSpec.Source"/>: its kind and location, or why it cannot be used.</summary>
public sealed record DatasetSource(DatasetSourceKind Kind, string Location, string? Error = null)
{
    /// <summary>The prefix of store sources.</summary>
    public const string StorePrefix = "store:";

    /// <summary>Parses a source string; a problem is returned in <see cref="Error"/>, never thrown.</summary>
    public static DatasetSource Parse(string source)
    {
        var text = source.Trim();
        if (text.Equals("demo", StringComparison.OrdinalIgnoreCase))
        {
            return new(DatasetSourceKind.Demo, "demo");
        }

        if (text.StartsWith(StorePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var prefix = text[StorePrefix.Length..].Trim('/');
            return prefix.Length == 0 || prefix.Split('/').Any(part => part is "" or "." or "..")
                ? new(DatasetSourceKind.Store, prefix, $"'{source}' needs a prefix of plain path segments after '{StorePrefix}'")
                : new(DatasetSourceKind.Store, prefix);
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri.AbsolutePath.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
                ? new(DatasetSourceKind.Url, uri.ToString())
                : new(DatasetSourceKind.Url, uri.ToString(), $"'{source}' must name a .zip archive of a dataset folder");
        }

        return text.Contains("://", StringComparison.Ordinal)
            ? new(DatasetSourceKind.Folder, text, $"'{source}': only http(s) URLs are supported")
            : new(DatasetSourceKind.Folder, text);
    }
}
