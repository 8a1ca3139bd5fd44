using System.Diagnostics;
using LlmSeqRec.Functions.Triggers;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Functions.Tests;

/// <summary>The HTTP triggers called as the host would call them: a request, a real durable client, the response they write.</summary>
public sealed class PipelineHttpFunctionsTests
{
    private const string DemoSpec = """{"dataset":{"source":"demo"},"models":[{"name":"popularity"}]}""";

    [Fact]
    public async Task A_bad_spec_is_refused_with_400_and_every_field_error()
    {
        await using var host = await PipelineTestHost.StartAsync();
        var functions = new PipelineHttpFunctions(host.Store);

        var start = HttpExchange.Create("POST", "/api/pipelines", """{"dataset":{"source":""},"models":[{"name":"nosuchmodel"}],"cutoffs":[0]}""");
        await functions.StartAsync(start.Request, host.Client);

        Assert.Equal(400, start.Status);
        var body = start.Json();
        Assert.Equal("invalid pipeline spec", body.GetProperty("error").GetString());
        var fields = body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToArray();
        Assert.Contains(fields, f => f!.Contains("dataset", StringComparison.Ordinal));
        Assert.Contains(fields, f => f!.Contains("models[0]", StringComparison.Ordinal));
        Assert.Contains(fields, f => f!.Contains("cutoffs", StringComparison.Ordinal));
        Assert.Null(start.Location);
    }

    [Fact]
    public async Task A_run_started_over_http_is_followed_to_its_report_listed_and_cannot_be_cancelled_once_ended()
    {
        await using var host = await PipelineTestHost.StartAsync();
        var functions = new PipelineHttpFunctions(host.Store);

        var start = HttpExchange.Create("POST", "/api/pipelines", DemoSpec);
        await functions.StartAsync(start.Request, host.Client);
        Assert.Equal(202, start.Status);
        var id = start.Json().GetProperty("id").GetString()!;
        Assert.Equal($"https://func.example/api/pipelines/{id}", start.Location);
        Assert.Equal($"https://func.example/api/pipelines/{id}/report", start.Json().GetProperty("reportUri").GetString());

        var get = await PollUntilEndedAsync(functions, host, id);
        Assert.Equal(200, get.Status);
        Assert.Equal("Completed", get.Json().GetProperty("status").GetString());
        Assert.Equal(id, get.Json().GetProperty("outcome").GetProperty("runId").GetString());

        var report = HttpExchange.Create("GET", $"/api/pipelines/{id}/report");
        await functions.ReportAsync(report.Request, host.Client, id);
        Assert.Equal(200, report.Status);
        Assert.StartsWith("text/html", report.ContentType, StringComparison.Ordinal);
        Assert.Contains("<html", report.Text(), StringComparison.OrdinalIgnoreCase);

        var list = HttpExchange.Create("GET", "/api/pipelines?status=Completed");
        await functions.ListAsync(list.Request, host.Client);
        Assert.Equal(200, list.Status);
        Assert.Contains(list.Json().EnumerateArray(), run => run.GetProperty("id").GetString() == id);

        var running = HttpExchange.Create("GET", "/api/pipelines?status=Running");
        await functions.ListAsync(running.Request, host.Client);
        Assert.DoesNotContain(running.Json().EnumerateArray(), run => run.GetProperty("id").GetString() == id);

        var cancel = HttpExchange.Create("POST", $"/api/pipelines/{id}/cancel");
        await functions.CancelAsync(cancel.Request, host.Client, id);
        Assert.Equal(409, cancel.Status);
        Assert.Equal("Completed", cancel.Json().GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_run_waiting_for_its_worker_is_cancelled_with_202()
    {
        await using var host = await PipelineTestHost.StartAsync();
        var functions = new PipelineHttpFunctions(host.Store);
        var start = HttpExchange.Create("POST", "/api/pipelines?id=cancel-me", """{"dataset":{"source":"demo"},"models":[{"name":"sasrec","seed":7}]}""");
        await functions.StartAsync(start.Request, host.Client);
        Assert.Equal(202, start.Status);
        await host.NextJobAsync();

        var cancel = HttpExchange.Create("POST", "/api/pipelines/cancel-me/cancel");
        await functions.CancelAsync(cancel.Request, host.Client, "cancel-me");

        Assert.Equal(202, cancel.Status);
        Assert.Equal("Terminated", (await host.WaitAsync("cancel-me")).Status);
    }

    [Fact]
    public async Task An_unknown_run_is_404_on_every_route_and_a_bad_status_filter_is_400()
    {
        await using var host = await PipelineTestHost.StartAsync();
        var functions = new PipelineHttpFunctions(host.Store);

        var get = HttpExchange.Create("GET", "/api/pipelines/nosuchrun");
        await functions.GetAsync(get.Request, host.Client, "nosuchrun");
        var cancel = HttpExchange.Create("POST", "/api/pipelines/nosuchrun/cancel");
        await functions.CancelAsync(cancel.Request, host.Client, "nosuchrun");
        var report = HttpExchange.Create("GET", "/api/pipelines/nosuchrun/report");
        await functions.ReportAsync(report.Request, host.Client, "nosuchrun");
        var list = HttpExchange.Create("GET", "/api/pipelines?status=Sleeping");
        await functions.ListAsync(list.Request, host.Client);

        Assert.Equal([404, 404, 404, 400], new[] { get.Status, cancel.Status, report.Status, list.Status });
        Assert.Contains("nosuchrun", get.Json().GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private static async Task<HttpExchange> PollUntilEndedAsync(PipelineHttpFunctions functions, PipelineTestHost host, string id)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var get = HttpExchange.Create("GET", $"/api/pipelines/{id}");
            await functions.GetAsync(get.Request, host.Client, id);
            if (get.Status != 202 || clock.Elapsed > TimeSpan.FromMinutes(3))
            {
                return get;
            }

            await Task.Delay(100);
        }
    }
}
