namespace LlmSeqRec.Deployment.Tests.Infrastructure;

/// <summary>Every template under infra/ passes the linter (infra/bicepconfig.json, compile errors included) with no diagnostic at all.</summary>
public sealed class BicepLintTests
{
    public static TheoryData<string> Templates() => [.. InfraFiles.BicepFiles()];

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_lints_without_a_diagnostic(string relativePath)
    {
        var result = BicepCli.Run("lint", InfraFiles.InRepository(relativePath));

        Assert.True(result.ExitCode == 0 && result.Printed.Length == 0, $"bicep lint {relativePath} (exit {result.ExitCode}):\n{result.Printed}");
    }

    [Fact]
    public void Main_template_builds_without_a_diagnostic()
    {
        // `bicep lint` already reports compile errors; the build must also be silent and give an ARM template.
        var result = BicepCli.Run("build", InfraFiles.MainTemplate, "--stdout");

        Assert.True(result.ExitCode == 0 && result.Error.Trim().Length == 0, $"bicep build infra/main.bicep (exit {result.ExitCode}):\n{result.Error}");
        Assert.StartsWith("{", result.Output.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public void Linter_reports_a_broken_template()
    {
        // The checks above are only worth something if the CLI really type-checks offline: an unknown property of a
        // resource type and an unused parameter must be reported.
        using var folder = new LlmSeqRec.TestSupport.TempDirectory();
        File.Copy(Path.Combine(InfraFiles.InfraDirectory, "bicepconfig.json"), Path.Combine(folder.Path, "bicepconfig.json"));
        var broken = Path.Combine(folder.Path, "broken.bicep");
        File.WriteAllText(broken, """
            param unused string
            resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
              name: 'crbroken'
              location: 'westeurope'
              sku: { name: 'Basic' }
              properties: { adminUserEnabld: false }
            }
            """);

        var result = BicepCli.Run("lint", broken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no-unused-params", result.Printed, StringComparison.Ordinal);
        Assert.Contains("adminUserEnabld", result.Printed, StringComparison.Ordinal);
    }
}
