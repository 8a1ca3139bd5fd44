using System.Text;
using System.Text.Json;

namespace LlmSeqRec.GpuWorker.Tests;

/// <summary>One Dockerfile instruction: its keyword, leading <c>--name=value</c> flags and the rest, continuations joined.</summary>
internal sealed record DockerInstruction(string Keyword, IReadOnlyDictionary<string, string> Flags, string Rest, int Line)
{
    /// <summary>The JSON-array (exec) form of <paramref name="text"/>, or null for the shell form.</summary>
    public static IReadOnlyList<string>? ExecForm(string text) =>
        text.TrimStart().StartsWith('[') ? JsonSerializer.Deserialize<string[]>(text) : null;

    /// <summary>The rest split at whitespace.</summary>
    public IReadOnlyList<string> Words => Rest.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"line {Line}: {Keyword} {string.Join(' ', Flags.Select(f => $"--{f.Key}={f.Value}"))} {Rest}";
}

/// <summary>A build stage: its base image, name and instructions.</summary>
internal sealed record DockerStage(string Image, string? Name, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);
}

/// <summary>
/// A Dockerfile read into stages: comment lines dropped, backslash continuations joined, flags split off. As much
/// of the syntax as gpu-worker/Dockerfile uses (no parser directives, heredocs or variable substitution).
/// </summary>
internal sealed class ParsedDockerfile
{
    private ParsedDockerfile(IReadOnlyList<DockerStage> stages) => Stages = stages;

    public IReadOnlyList<DockerStage> Stages { get; }

    public DockerStage Final => Stages[^1];

    public DockerStage Stage(string name) => Stages.Single(s => s.Name == name);

    public static ParsedDockerfile Load(string path) => Parse(File.ReadAllText(path));

    public static ParsedDockerfile Parse(string text)
    {
        var stages = new List<DockerStage>();
        List<DockerInstruction>? current = null;
        string? image = null, name = null;
        foreach (var instruction in Instructions(text))
        {
            if (instruction.Keyword == "FROM")
            {
                if (current is not null)
                {
                    stages.Add(new DockerStage(image!, name, current));
                }

                var words = instruction.Words;
                image = words[0];
                name = words.Count == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                current = [];
            }
            else
            {
                Assert.True(current is not null, $"{instruction} comes before the first FROM");
                current.Add(instruction);
            }
        }

        Assert.True(current is not null, "no FROM");
        stages.Add(new DockerStage(image!, name, current));
        return new ParsedDockerfile(stages);
    }

    private static IEnumerable<DockerInstruction> Instructions(string text)
    {
        var logical = new StringBuilder();
        var start = 0;
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (line.TrimStart().StartsWith('#') || (line.Length == 0 && logical.Length == 0))
            {
                continue;
            }

            if (logical.Length == 0)
            {
                start = i + 1;
            }

            if (line.EndsWith('\\'))
            {
                logical.Append(line.AsSpan(0, line.Length - 1)).Append(' ');
                continue;
            }

            logical.Append(line);
            yield return Split(logical.ToString().Trim(), start);
            logical.Clear();
        }

        Assert.True(logical.Length == 0, "the Dockerfile ends inside a continuation");
    }

    private static DockerInstruction Split(string text, int line)
    {
        var space = text.IndexOfAny([' ', '\t']);
        var keyword = (space < 0 ? text : text[..space]).ToUpperInvariant();
        var rest = space < 0 ? "" : text[space..].Trim();
        var flags = new Dictionary<string, string>();
        while (rest.StartsWith("--", StringComparison.Ordinal))
        {
            var end = rest.IndexOfAny([' ', '\t']);
            var flag = end < 0 ? rest[2..] : rest[2..end];
            var equals = flag.IndexOf('=', StringComparison.Ordinal);
            flags[equals < 0 ? flag : flag[..equals]] = equals < 0 ? "" : flag[(equals + 1)..];
            rest = end < 0 ? "" : rest[end..].Trim();
        }

        return new DockerInstruction(keyword, flags, rest, line);
    }
}
