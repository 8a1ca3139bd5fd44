using System.Globalization;
using System.Text.RegularExpressions;

namespace LlmSeqRec.Reporting.Rendering;

/// <summary>How the report writes values and links, the same in Markdown and HTML (plain text, before escaping).</summary>
internal static partial class ReportText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The date with its offset as given, e.g. "2026-11-25 14:03:07 +00:00".</summary>
    public static string Date(DateTimeOffset date) => date.ToString("yyyy-MM-dd HH:mm:ss zzz", Invariant);

    /// <summary>A metric value in prose (4 decimals).</summary>
    public static string Score(double value) => double.IsFinite(value) ? value.ToString("F4", Invariant) : "n/a";

    /// <summary>Seconds with a precision that suits their size; "–" when unknown.</summary>
    public static string Seconds(double? seconds) => seconds switch
    {
        null => "–",
        double s when !double.IsFinite(s) => "n/a",
        < 10 => seconds.Value.ToString("F2", Invariant),
        < 1000 => seconds.Value.ToString("F1", Invariant),
        _ => seconds.Value.ToString("F0", Invariant),
    };

    /// <summary>What a model without scores shows instead of numbers: its status and message.</summary>
    public static string StatusLine(ModelReport model) =>
        string.IsNullOrWhiteSpace(model.Error) ? model.Status : $"{model.Status}: {model.Error}";

    /// <summary>The bucket labels of the models' hit-rate-by-length lists, in first-seen order.</summary>
    public static IReadOnlyList<string> BucketLabels(IEnumerable<ModelReport> models) =>
        models.SelectMany(m => m.HitRateByLength).Select(b => b.Label).Distinct().ToArray();

    /// <summary>
    /// True for links the report may render as links: http(s) URIs and relative paths, never another scheme such as
    /// javascript: (checked after dropping the whitespace and control characters that browsers ignore in URLs).
    /// </summary>
    public static bool IsSafeHref(string href)
    {
        var compact = new string(href.Where(c => c > ' ' && !char.IsControl(c)).ToArray());
        return compact.Length > 0
            && (!SchemePrefix().IsMatch(compact)
                || (Uri.TryCreate(href.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)));
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:")]
    private static partial Regex SchemePrefix();
}
