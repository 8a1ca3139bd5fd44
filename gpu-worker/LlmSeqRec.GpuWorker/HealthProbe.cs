using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace LlmSeqRec.GpuWorker;

/// <summary>
/// <c>llmseqrec-gpu-worker healthcheck</c>: asks the health endpoint of the worker running in the same container
/// (the image's HEALTHCHECK, so the image needs no curl). Exit code 0 when it answers 200, 1 otherwise.
/// </summary>
public static class HealthProbe
{
    /// <summary>The command-line argument that runs the probe instead of the worker.</summary>
    public const string Command = "healthcheck";

    /// <summary>Asks <c>http://127.0.0.1:{port}/healthz</c>; true with the answer's text when it is 200.</summary>
    public static async Task<(bool Healthy, string Detail)> CheckAsync(int port, TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = timeout };
        try
        {
            using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}{GpuWorkerHost.HealthPath}")).ConfigureAwait(false);
            var text = (await response.Content.ReadAsStringAsync().ConfigureAwait(false)).Trim();
            return (response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or SocketException)
        {
            return (false, $"no answer on port {port}: {e.Message}");
        }
    }

    /// <summary>Runs the probe with the port from the environment; prints the answer.</summary>
    /// <returns>0 healthy, 1 unhealthy or no answer, 2 a bad <see cref="SettingNames.HealthPort"/>.</returns>
    public static async Task<int> RunAsync()
    {
        int port;
        try
        {
            port = GpuWorkerSettings.ReadHealthPort(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        }
        catch (GpuWorkerSettingsException e)
        {
            await Console.Error.WriteLineAsync($"llmseqrec-gpu-worker {Command}: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        var (healthy, detail) = await CheckAsync(port, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(detail).ConfigureAwait(false);
        return healthy ? 0 : 1;
    }
}
