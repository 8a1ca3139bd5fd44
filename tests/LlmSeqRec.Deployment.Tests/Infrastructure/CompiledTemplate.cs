using System.Text.Json.Nodes;

namespace LlmSeqRec.Deployment.Tests.Infrastructure;

/// <summary>
/// infra/main.bicep compiled to an ARM template (once per test run), with the lookups the checks need: the nested
/// template of each module (by module deployment name) and the resources of a type anywhere in the tree.
/// </summary>
public sealed class CompiledTemplate
{
    private static readonly Lazy<CompiledTemplate> Main = new(() => Compile(InfraFiles.MainTemplate));

    private CompiledTemplate(JsonObject root) => Root = root;

    /// <summary>The compiled infra/main.bicep.</summary>
    public static CompiledTemplate MainTemplate => Main.Value;

    /// <summary>The template's JSON.</summary>
    public JsonObject Root { get; }

    /// <summary>Compiles a Bicep file with `bicep build --stdout`; fails with the CLI's diagnostics.</summary>
    public static CompiledTemplate Compile(string bicepFile)
    {
        var result = BicepCli.Run("build", bicepFile, "--stdout");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build {bicepFile} failed ({result.ExitCode}):\n{result.Printed}");
        }

        return new CompiledTemplate(JsonNode.Parse(result.Output)!.AsObject());
    }

    /// <summary>The inline template of the module deployed under <paramref name="moduleName"/>.</summary>
    public JsonObject Module(string moduleName) =>
        Resources(Root).SingleOrDefault(resource => (string?)resource["type"] == "Microsoft.Resources/deployments" && (string?)resource["name"] == moduleName)
            ?["properties"]?["template"]?.AsObject()
        ?? throw new InvalidOperationException($"no module deployment named '{moduleName}' in the compiled template");

    /// <summary>Every resource of <paramref name="type"/> in the template and its modules.</summary>
    public IReadOnlyList<JsonObject> ResourcesOfType(string type) => [.. AllResources(Root).Where(resource => (string?)resource["type"] == type)];

    private static IEnumerable<JsonObject> AllResources(JsonObject template)
    {
        foreach (var resource in Resources(template))
        {
            yield return resource;
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in AllResources(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    private static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray list => list.OfType<JsonObject>(),
        JsonObject symbolic => symbolic.Select(pair => pair.Value).OfType<JsonObject>(),
        _ => [],
    };
}
