using System.Text;
using System.Text.RegularExpressions;

namespace LlmSeqRec.GpuWorker.Tests;

/// <summary>
/// .dockerignore rules as BuildKit applies them to a build context: every rule in order, the last one that matches
/// wins; <c>!</c> lets a path back in; a rule that matches a folder matches everything under it; <c>*</c> and
/// <c>?</c> stay within one path segment, <c>**</c> spans any number of them.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Include)> _rules;

    private DockerIgnore(List<(Regex, bool)> rules) => _rules = rules;

    public static DockerIgnore Load(string path) => new(File.ReadAllLines(path)
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.StartsWith('!') ? (ToRegex(l[1..]), true) : (ToRegex(l), false))
        .ToList());

    /// <summary>Whether the file or folder at <paramref name="relativePath"/> (from the context root, '/'-separated) stays out of the context.</summary>
    public bool Excludes(string relativePath)
    {
        var segments = relativePath.Trim('/').Split('/');
        var paths = Enumerable.Range(1, segments.Length).Select(n => string.Join('/', segments.Take(n))).ToArray();
        var excluded = false;
        foreach (var (pattern, include) in _rules)
        {
            if (paths.Any(pattern.IsMatch))
            {
                excluded = !include;
            }
        }

        return excluded;
    }

    private static Regex ToRegex(string rule)
    {
        var pattern = rule.Trim().Trim('/');
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(pattern[i] switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    var c => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
