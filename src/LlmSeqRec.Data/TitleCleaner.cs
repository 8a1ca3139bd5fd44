using System.Text;

namespace LlmSeqRec.Data;

/// <summary>
/// The papers' title clean-up: <c>&amp;amp;</c> becomes " and ", <c>&amp;nbsp;</c> a space, and the entities
/// <c>&amp;quot;</c>, <c>&amp;reg;</c>, <c>&amp;trade;</c>, <c>&amp;copy;</c> are removed. Numeric entities are kept,
/// as in the papers' product names. Empty titles become null.
/// </summary>
public static class TitleCleaner
{
    private static readonly (string Entity, string Replacement)[] Replacements =
    [
        ("&amp;", " and "),
        ("&nbsp;", " "),
        ("&quot;", ""),
        ("&reg;", ""),
        ("&trade;", ""),
        ("&copy;", ""),
    ];

    /// <summary>Cleans one title; null or empty gives null.</summary>
    public static string? Clean(string? title)
    {
        if (string.IsNullOrEmpty(title))
        {
            return null;
        }

        if (!title.Contains('&', StringComparison.Ordinal))
        {
            return title;
        }

        var sb = new StringBuilder(title);
        foreach (var (entity, replacement) in Replacements)
        {
            sb.Replace(entity, replacement);
        }

        var cleaned = sb.ToString();
        return cleaned.Length == 0 ? null : cleaned;
    }
}
