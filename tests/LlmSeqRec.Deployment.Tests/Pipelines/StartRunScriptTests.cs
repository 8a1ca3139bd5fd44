using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Deployment.Tests.Pipelines;

/// <summary>
/// pipelines/scripts/start-run.sh (the smoke run and metric gate of release.yml, the trigger of retrain.yml) run for
/// real against the local durable host, which serves the same HTTP API as the Functions app (PipelineHttpApi).
/// </summary>
public sealed partial class StartRunScriptTests(ServeHost host) : IClassFixture<ServeHost>
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [ScriptFact(needsAzurite: true)]
    public async Task The_release_smoke_spec_meets_the_release_threshold_and_the_run_prints_its_report_link()
    {
        var baseUrl = await host.StartAsync();
        using var dir = new TempDirectory();
        var threshold = ReleaseThreshold();

        // As in Azure Pipelines (TF_BUILD=True): output variables and the summary upload are written too.
        var run = await RunAsync(new() { ["TF_BUILD"] = "True" },
            "--base-url", baseUrl, "--spec", "pipelines/specs/smoke.json", "--min", threshold.ToString(CultureInfo.InvariantCulture),
            "--poll-seconds", "1", "--out", dir["out"]);

        Assert.True(run.ExitCode == 0, run + "\n--- host\n" + host.Output);
        var id = RunId().Match(run.Output).Groups[1].Value;
        Assert.Contains($"report: {baseUrl}/api/pipelines/{id}/report\n", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"metric gate passed: NDCG@20 0\.\d+ >= " + Regex.Escape(threshold.ToString(CultureInfo.InvariantCulture)), run.Output);
        Assert.Contains($"##vso[task.setvariable variable=reportUrl;isOutput=true]{baseUrl}/api/pipelines/{id}/report\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("##vso[task.setvariable variable=runStatus;isOutput=true]Completed\n", run.Output, StringComparison.Ordinal);
        Assert.Contains($"##vso[task.uploadsummary]{dir["out"]}/summary.md", run.Output, StringComparison.Ordinal);

        // The report the gate read is the run's, kept with the HTML for the pipeline artifact.
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(dir["out/report.json"]));
        Assert.Equal(id, report.RootElement.GetProperty("runId").GetString());
        var best = report.RootElement.GetProperty("promotion").GetProperty("candidateScore").GetDouble();
        Assert.True(best >= threshold, $"best {best} below {threshold}");
        var gateValue = GateValue().Match(run.Output);
        Assert.True(gateValue.Success, run.Output);
        Assert.Equal(best, double.Parse(gateValue.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Contains("<html", await File.ReadAllTextAsync(dir["out/report.html"]), StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"[{baseUrl}/api/pipelines/{id}/report]", await File.ReadAllTextAsync(dir["out/summary.md"]), StringComparison.Ordinal);
    }

    [ScriptFact(needsAzurite: true)]
    public async Task A_threshold_above_the_achieved_metric_fails_naming_metric_value_and_threshold()
    {
        var baseUrl = await host.StartAsync();
        using var dir = new TempDirectory();
        var spec = dir.Write("spec.json", """{ "dataset": { "source": "demo" }, "models": [ { "name": "popularity" } ] }""");

        var run = await RunAsync([], "--base-url", baseUrl, "--spec", spec, "--min", "0.99", "--poll-seconds", "1", "--out", dir["out"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        var failure = GateFailure().Match(run.Error);
        Assert.True(failure.Success, run.Error);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(dir["out/report.json"]));
        var popularity = report.RootElement.GetProperty("models")[0].GetProperty("metrics").GetProperty("NDCG@20").GetDouble();
        Assert.Equal("popularity", failure.Groups[1].Value);
        Assert.Equal(popularity, double.Parse(failure.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.Contains("report: ", run.Output, StringComparison.Ordinal); // the link is printed before the verdict
    }

    [ScriptFact(needsAzurite: true)]
    public async Task A_run_that_does_not_end_in_time_fails_and_is_cancelled()
    {
        var baseUrl = await host.StartAsync();

        var run = await RunAsync([], "--base-url", baseUrl, "--spec", "pipelines/specs/smoke.json", "--timeout-minutes", "0", "--poll-seconds", "1");

        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.Contains("did not end within 0 minutes", run.Error, StringComparison.Ordinal);
        Assert.Contains("it was cancelled", run.Error, StringComparison.Ordinal);
        var id = RunId().Match(run.Output).Groups[1].Value;
        var status = await host.Http.GetAsync(new Uri($"{baseUrl}/api/pipelines/{id}"));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode); // ended
        Assert.Equal("Terminated", JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [ScriptFact(needsAzurite: true)]
    public async Task Without_waiting_it_prints_the_links_and_a_wrong_key_or_spec_fails_before_anything_starts()
    {
        var baseUrl = await host.StartAsync();
        using var dir = new TempDirectory();

        var started = await RunAsync([], "--base-url", baseUrl, "--spec", "pipelines/specs/smoke.json", "--run-id", $"nowait-{Guid.NewGuid():N}", "--no-wait", "--out", dir["out"]);
        Assert.True(started.ExitCode == 0, started.ToString());
        Assert.Matches(@"report: http://127\.0\.0\.1:\d+/api/pipelines/nowait-\w+/report \(once the run has ended\)", started.Output);
        Assert.Contains("| status | [started]", await File.ReadAllTextAsync(dir["out/summary.md"]), StringComparison.Ordinal);

        var wrongKey = await RunAsync(new() { ["LLMSEQREC_FUNCTION_KEY"] = "not-the-key" }, "--base-url", baseUrl, "--spec", "pipelines/specs/smoke.json");
        Assert.Equal(2, wrongKey.ExitCode);
        Assert.Contains("answered 401: check the function key", wrongKey.Error, StringComparison.Ordinal);

        var spec = dir.Write("bad.json", """{ "dataset": { "source": "demo" }, "models": [ { "name": "nosuchmodel" } ] }""");
        var badSpec = await RunAsync([], "--base-url", baseUrl, "--spec", spec);
        Assert.Equal(2, badSpec.ExitCode);
        Assert.Contains("the API refused the spec: $.models[0].name: unknown model 'nosuchmodel'", badSpec.Error, StringComparison.Ordinal);
    }

    [ScriptFact]
    public async Task Bad_arguments_fail_with_exit_code_2_and_say_what_is_wrong()
    {
        var noUrl = await RunAsync([], "--spec", "pipelines/specs/smoke.json");
        Assert.Equal(2, noUrl.ExitCode);
        Assert.Contains("--base-url is required", noUrl.Error, StringComparison.Ordinal);

        var badMin = await RunAsync([], "--base-url", "http://127.0.0.1:1", "--spec", "pipelines/specs/smoke.json", "--min", "high");
        Assert.Equal(2, badMin.ExitCode);
        Assert.Contains("--min: 'high' is not a number", badMin.Error, StringComparison.Ordinal);

        var unreachable = await RunAsync([], "--base-url", "http://127.0.0.1:1", "--spec", "pipelines/specs/smoke.json", "--poll-seconds", "0");
        Assert.Equal(2, unreachable.ExitCode);
        Assert.Contains("POST http://127.0.0.1:1/api/pipelines", unreachable.Error, StringComparison.Ordinal);
    }

    /// <summary>The default of release.yml's minMetric parameter.</summary>
    private static double ReleaseThreshold() =>
        double.Parse(
            PipelineFiles.Load("release.yml").List("parameters").Cast<Dictionary<object, object>>().Single(p => p.Text("name") == "minMetric").Text("default")!,
            CultureInfo.InvariantCulture);

    private static Task<ProcessRun> RunAsync(Dictionary<string, string?> environment, params string[] args)
    {
        environment.TryAdd("LLMSEQREC_FUNCTION_KEY", ServeHost.ApiKey);
        return ScriptRun.RunAsync("start-run.sh", environment, Limit, args);
    }

    [GeneratedRegex(@"^run: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex RunId();

    [GeneratedRegex(@"^##vso\[task\.setvariable variable=gateValue;isOutput=true\](\S+)$", RegexOptions.Multiline)]
    private static partial Regex GateValue();

    [GeneratedRegex(@"metric gate failed: NDCG@20 of (\S+) is ([0-9.eE-]+), below the threshold 0\.99")]
    private static partial Regex GateFailure();
}
