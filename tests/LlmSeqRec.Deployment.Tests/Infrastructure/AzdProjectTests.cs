using YamlDotNet.RepresentationModel;

namespace LlmSeqRec.Deployment.Tests.Infrastructure;

/// <summary>azure.yaml: azd finds the Bicep entry point, the Functions app project and the worker image hook.</summary>
public sealed class AzdProjectTests
{
    private static readonly YamlMappingNode Project = Load();

    [Fact]
    public void Infra_points_at_main_bicep()
    {
        var infra = (YamlMappingNode)Project["infra"];

        Assert.Equal("bicep", Scalar(infra, "provider"));
        Assert.True(File.Exists(Path.Combine(InfraFiles.InRepository(Scalar(infra, "path")), Scalar(infra, "module") + ".bicep")));
    }

    [Fact]
    public void Functions_app_is_the_service_and_its_project_exists()
    {
        var services = (YamlMappingNode)Project["services"];
        var api = (YamlMappingNode)services["api"];
        var folder = InfraFiles.InRepository(Scalar(api, "project"));

        Assert.Equal("function", Scalar(api, "host"));
        Assert.Equal("dotnet", Scalar(api, "language"));
        Assert.True(File.Exists(Path.Combine(folder, "LlmSeqRec.Functions.csproj")), $"no Functions project in {folder}");

        // azd deploys the service to the resource tagged azd-service-name: api.
        Assert.Contains("'azd-service-name': 'api'", File.ReadAllText(Path.Combine(InfraFiles.InfraDirectory, "modules", "function-app.bicep")), StringComparison.Ordinal);
    }

    [Fact]
    public void Hook_scripts_exist_are_executable_and_read_only_template_outputs()
    {
        var hooks = (YamlMappingNode)Project["hooks"];
        var outputs = CompiledTemplate.MainTemplate.Root["outputs"]!.AsObject().Select(pair => pair.Key).ToHashSet();

        Assert.NotEmpty(hooks.Children);
        foreach (var (_, hook) in hooks.Children)
        {
            var script = InfraFiles.InRepository(Scalar((YamlMappingNode)((YamlMappingNode)hook)["posix"], "run"));
            Assert.True(File.Exists(script), $"hook script {script} is missing");
            Assert.True(File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute), $"hook script {script} is not executable");

            // Every required variable (${NAME:?...}) of the script is an output azd puts in the environment.
            var required = InfraFiles.RequiredVariables(script);
            Assert.NotEmpty(required);
            Assert.Empty(required.Except(outputs));
        }
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(InfraFiles.AzdProject);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
