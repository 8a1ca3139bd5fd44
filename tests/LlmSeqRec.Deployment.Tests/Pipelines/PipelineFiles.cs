using LlmSeqRec.TestSupport;
using YamlDotNet.Serialization;

namespace LlmSeqRec.Deployment.Tests.Pipelines;

/// <summary>
/// The YAML files of <c>pipelines/</c> read as plain trees: mappings are <see cref="Dictionary{TKey, TValue}"/> of
/// object to object, sequences <see cref="List{T}"/> of object, scalars strings. Template expressions
/// (<c>${{ if ... }}:</c> keys) stay as they are written.
/// </summary>
public static class PipelineFiles
{
    /// <summary>pipelines/.</summary>
    public static string Directory => Path.Combine(TestPaths.RepositoryRoot, "pipelines");

    /// <summary>Every .yml/.yaml file under pipelines/, relative to the repository root.</summary>
    public static IReadOnlyList<string> YamlFiles() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".yml", StringComparison.Ordinal) || p.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(TestPaths.RepositoryRoot, p))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>A file of the repository by its path relative to the root.</summary>
    public static string InRepository(string relativePath) => Path.Combine(TestPaths.RepositoryRoot, relativePath);

    /// <summary>Parses YAML text; throws on a syntax error.</summary>
    public static object Parse(string yaml) =>
        new DeserializerBuilder().Build().Deserialize<object>(yaml) ?? throw new InvalidDataException("empty YAML document");

    /// <summary>Parses pipelines/<paramref name="name"/> as a mapping.</summary>
    public static Dictionary<object, object> Load(string name) =>
        Parse(File.ReadAllText(Path.Combine(Directory, name))) as Dictionary<object, object>
        ?? throw new InvalidDataException($"pipelines/{name} is not a YAML mapping");

    /// <summary>Every mapping in the tree, depth first.</summary>
    public static IEnumerable<Dictionary<object, object>> Mappings(object? node)
    {
        switch (node)
        {
            case Dictionary<object, object> map:
                yield return map;
                foreach (var value in map.Values)
                {
                    foreach (var inner in Mappings(value))
                    {
                        yield return inner;
                    }
                }

                break;
            case List<object> list:
                foreach (var item in list)
                {
                    foreach (var inner in Mappings(item))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    /// <summary>Every <c>task:</c> step of the tree, with its inputs as text.</summary>
    public static IEnumerable<(string Task, IReadOnlyDictionary<string, string> Inputs, Dictionary<object, object> Step)> Tasks(object tree) =>
        Mappings(tree)
            .Where(m => m.ContainsKey("task"))
            .Select(m => ((string)m["task"], (IReadOnlyDictionary<string, string>)(m.TryGetValue("inputs", out var inputs) && inputs is Dictionary<object, object> map
                ? map.ToDictionary(kv => (string)kv.Key, kv => kv.Value as string ?? "", StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal)), m));

    /// <summary>The value at a key of a mapping, or null.</summary>
    public static object? Get(this Dictionary<object, object> map, string key) => map.TryGetValue(key, out var value) ? value : null;

    /// <summary>A sequence at a key (empty when absent).</summary>
    public static List<object> List(this Dictionary<object, object> map, string key) => map.Get(key) as List<object> ?? [];

    /// <summary>A mapping at a key (empty when absent).</summary>
    public static Dictionary<object, object> Map(this Dictionary<object, object> map, string key) => map.Get(key) as Dictionary<object, object> ?? [];

    /// <summary>A scalar at a key as text, or null.</summary>
    public static string? Text(this Dictionary<object, object> map, string key) => map.Get(key) as string;

    /// <summary>A scalar or sequence of scalars at a key, as a list of strings.</summary>
    public static IReadOnlyList<string> Strings(this Dictionary<object, object> map, string key) => map.Get(key) switch
    {
        string one => [one],
        List<object> many => many.OfType<string>().ToArray(),
        _ => [],
    };
}
