using System.Diagnostics;
using System.Reflection;

namespace LlmSeqRec.Deployment.Tests.Infrastructure;

/// <summary>
/// The Bicep CLI of the Azure.Bicep.CommandLine.linux-x64 package (its path comes from the package's BicepPath
/// property, recorded in this assembly's metadata at build time). Runs offline: no Azure login, no registry modules.
/// </summary>
public static class BicepCli
{
    /// <summary>The CLI executable.</summary>
    public static string Path { get; } = Locate();

    /// <summary>Runs the CLI with <paramref name="arguments"/> and returns its exit code and output.</summary>
    public static BicepResult Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry and no first-run work; the linter's online rules are off in infra/bicepconfig.json.
        start.Environment["BICEP_TELEMETRY_DISABLED"] = "true";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Path}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish in 2 minutes");
        }

        return new BicepResult(process.ExitCode, output.Result, error.Result);
    }

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

/// <summary>What one CLI call returned.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error (diagnostics go here).</param>
public sealed record BicepResult(int ExitCode, string Output, string Error)
{
    /// <summary>Output and error together, for assertion messages.</summary>
    public string Diagnostics => (Output + Error).Trim();
}
