using System.Diagnostics;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.GpuWorker.Tests;

/// <summary>
/// The built worker (llmseqrec-gpu-worker.dll next to the tests) as a child process, run as the image runs it:
/// <c>dotnet llmseqrec-gpu-worker.dll</c> with its settings in environment variables only.
/// </summary>
internal static class GpuWorkerProcess
{
    private static readonly string WorkerDll = Path.Combine(AppContext.BaseDirectory, "llmseqrec-gpu-worker.dll");

    /// <summary>Starts the worker with exactly <paramref name="settings"/> among the worker's variables (inherited ones are removed).</summary>
    public static ToolProcess Start(IReadOnlyDictionary<string, string> settings, params string[] args) =>
        ToolProcess.Start(WorkerDll, Environment(settings), args);

    /// <summary>Runs <c>llmseqrec-gpu-worker healthcheck</c>, the image's HEALTHCHECK, against <paramref name="port"/>.</summary>
    public static async Task<(int ExitCode, string Output)> ProbeAsync(int port)
    {
        using var probe = ToolProcess.Start(
            WorkerDll,
            Environment(new Dictionary<string, string> { [SettingNames.HealthPort] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            HealthProbe.Command);
        var exitCode = await probe.WaitForExitAsync(TimeSpan.FromMinutes(1));
        return (exitCode, probe.Output);
    }

    /// <summary>The settings, with every inherited worker variable not among them removed.</summary>
    private static Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string> settings)
    {
        var environment = System.Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("LLMSEQREC_", StringComparison.Ordinal) || k == SettingNames.HealthPort)
            .ToDictionary(k => k, _ => (string?)null);
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        return environment;
    }
}
