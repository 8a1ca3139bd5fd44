using System.Reflection;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Deployment.Tests.Infrastructure;

/// <summary>
/// The Bicep CLI of the Azure.Bicep.CommandLine.linux-x64 package (its path comes from the package's BicepPath
/// property, recorded in this assembly's metadata at build time). Runs offline: no Azure login, no registry modules.
/// </summary>
public static class BicepCli
{
    /// <summary>The CLI executable.</summary>
    public static string Path { get; } = Locate();

    /// <summary>Runs the CLI with <paramref name="arguments"/> and returns its exit code and output (diagnostics go to standard error).</summary>
    public static ProcessRun Run(params string[] arguments) =>
        // No telemetry and no first-run work; the linter's online rules are off in infra/bicepconfig.json.
        ProcessRun.RunAsync(Path, arguments, TimeSpan.FromMinutes(2), new Dictionary<string, string?> { ["BICEP_TELEMETRY_DISABLED"] = "true" })
            .GetAwaiter().GetResult();

    private static string Locate()
    {
        var configured = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == "BicepPath")?.Value;
        if (string.IsNullOrEmpty(configured) || !File.Exists(configured))
        {
            throw new InvalidOperationException(
                $"the Bicep CLI of the Azure.Bicep.CommandLine.linux-x64 package was not found ('{configured}'): restore tests/LlmSeqRec.Deployment.Tests");
        }

        // NuGet does not always keep the executable bit of package files.
        var mode = File.GetUnixFileMode(configured);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(configured, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return configured;
    }
}
