using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Cli.Tests;

/// <summary>The local durable host as users run it: a child process on Azurite, driven over HTTP.</summary>
public sealed class ServeCommandTests
{
    [AzuriteFact]
    public async Task A_pipeline_runs_over_http_to_its_report()
    {
        using var dir = new TempDirectory();
        var hub = Azurite.UniqueName("hub");
        await using var host = await ServeProcess.StartAsync(hub, hub, dir["cache"]);

        using var anonymous = new HttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(host.Api())).StatusCode);

        var bad = await host.Http.PostAsync(host.Api(), Json("""{ "dataset": { "source": "demo" }, "models": [ { "name": "nosuchmodel" } ] }"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("$.models[0].name", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var started = await host.Http.PostAsync(host.Api(), Json("""{ "dataset": { "source": "demo" }, "models": [ { "name": "popularity" }, { "name": "vsknn" } ] }"""));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        Assert.Equal(host.Api($"/{id}"), started.Headers.Location);

        var run = await WaitForEndAsync(host, id, TimeSpan.FromMinutes(2));
        Assert.Equal("Completed", run.GetProperty("status").GetString());
        var report = await host.Http.GetAsync(host.Api($"/{id}/report"));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("text/html", report.Content.Headers.ContentType!.MediaType);
        Assert.Contains("vsknn", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var completed = await host.Http.GetStringAsync(host.Api("?status=Completed"));
        Assert.Contains(id, completed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await host.Http.PostAsync(host.Api($"/{id}/cancel"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync(host.Api("/no-such-run"))).StatusCode);
    }

    [AzuriteFact]
    public async Task A_host_killed_mid_run_resumes_the_run_after_a_restart_without_redoing_finished_stages()
    {
        using var dir = new TempDirectory();
        var hub = Azurite.UniqueName("hub");
        var container = new BlobContainerClient(Azurite.ConnectionString, hub);
        string id;
        Dictionary<string, DateTimeOffset> before;
        await using (var first = await ServeProcess.StartAsync(hub, hub, dir["cache-1"]))
        {
            var started = await first.Http.PostAsync(first.Api(), Json("""
                { "dataset": { "source": "demo" }, "embedding": { "batchSize": 100 },
                  "models": [ { "name": "popularity" }, { "name": "llmseqsim" }, { "name": "sknnemb" } ] }
                """));
            id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

            // Kill -9 once the dataset is committed, while the run is still going.
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (!(await MarkersAsync(container)).Keys.Any(k => k.StartsWith("datasets/", StringComparison.Ordinal)))
            {
                await Task.Delay(50, timeout.Token);
            }

            before = await MarkersAsync(container);
            await first.KillHardAsync();
            var status = await first.Http.GetAsync(first.Api($"/{id}")).ContinueWith(t => t.IsFaulted ? (HttpStatusCode?)null : t.Result.StatusCode);
            Assert.Null(status);
        }

        Assert.False(before.Keys.Any(k => k.StartsWith("runs/", StringComparison.Ordinal)), "the run had finished before the kill");
        await using var second = await ServeProcess.StartAsync(hub, hub, dir["cache-2"]);
        var run = await WaitForEndAsync(second, id, TimeSpan.FromMinutes(3));

        Assert.True(run.GetProperty("status").GetString() == "Completed", run.ToString() + "\n" + second.Output);
        var after = await MarkersAsync(container);
        foreach (var (marker, written) in before)
        {
            Assert.Equal(written, after[marker]);
        }

        Assert.Single(after.Keys, k => k.StartsWith("sources/", StringComparison.Ordinal) && k.EndsWith("_committed.json", StringComparison.Ordinal));
        Assert.Single(after.Keys, k => k.StartsWith("datasets/", StringComparison.Ordinal) && k.EndsWith("_committed.json", StringComparison.Ordinal));
        Assert.Single(after.Keys, k => k.StartsWith("embeddings/", StringComparison.Ordinal) && k.EndsWith("_committed.json", StringComparison.Ordinal));
        Assert.True(await container.GetBlobClient($"runs/{id}/report/report.html").ExistsAsync());
        Assert.Equal(3, run.GetProperty("outcome").GetProperty("models").GetArrayLength());
    }

    [AzuriteFact]
    public async Task Two_hosts_on_one_task_hub_share_the_work()
    {
        using var dir = new TempDirectory();
        var hub = Azurite.UniqueName("hub");
        await using var first = await ServeProcess.StartAsync(hub, hub, dir["cache-1"]);
        await using var second = await ServeProcess.StartAsync(hub, hub, dir["cache-2"]);

        var started = await first.Http.PostAsync(first.Api(), Json("""
            { "dataset": { "source": "demo" },
              "models": [ { "name": "popularity" }, { "name": "sknn" }, { "name": "vsknn" }, { "name": "ssknn" }, { "name": "sfsknn" }, { "name": "vsknn", "preset": "p1" }, { "name": "vsknn", "preset": "p2" } ] }
            """));
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        // Either host answers for the run, and the model activities ran in both processes.
        var run = await WaitForEndAsync(second, id, TimeSpan.FromMinutes(3));
        Assert.Equal("Completed", run.GetProperty("status").GetString());
        var producers = run.GetProperty("outcome").GetProperty("models").EnumerateArray()
            .Select(m => m.GetProperty("result").GetProperty("producedBy").GetString())
            .ToHashSet();
        Assert.True(producers.Count == 2, $"model jobs ran in {string.Join(", ", producers)}");
    }

    [AzuriteFact]
    public async Task A_neural_model_goes_to_a_worker_process_through_the_queues_and_its_answer_completes_the_run()
    {
        using var dir = new TempDirectory();
        var hub = Azurite.UniqueName("hub");
        await using var host = await ServeProcess.StartAsync(hub, hub, dir["cache-host"]);
        using var worker = ToolProcess.Start(
            Path.Combine(AppContext.BaseDirectory, "llmseqrec.dll"),
            new Dictionary<string, string?> { ["LLMSEQREC_STORAGE"] = Azurite.ConnectionString },
            "worker", "--container", hub, "--jobs-queue", $"{hub}-jobs", "--completions-queue", $"{hub}-done", "--threads", "2", "--cache", dir["cache-worker"]);

        var started = await host.Http.PostAsync(host.Api(), Json("""
            { "dataset": { "source": "demo" }, "worker": { "timeoutMinutes": 5, "maxAttempts": 1 },
              "models": [ { "name": "sasrec", "seed": 7, "config": { "maxEpochs": 2, "embeddingDim": 16, "batchSize": 256, "maxValidationSessions": 100 } } ] }
            """));
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var run = await WaitForEndAsync(host, id, TimeSpan.FromMinutes(4));

        Assert.True(run.GetProperty("status").GetString() == "Completed", run.ToString() + "\n" + worker.Output);
        var model = run.GetProperty("outcome").GetProperty("models")[0];
        Assert.Equal("completed", model.GetProperty("state").GetString());
        Assert.Equal(2, model.GetProperty("result").GetProperty("training").GetArrayLength());
        Assert.Contains("train: epoch 2:", worker.Output, StringComparison.Ordinal);
        Assert.Equal("train", run.GetProperty("jobs").GetProperty("sasrec-s7").GetProperty("stage").GetString());
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> WaitForEndAsync(ServeProcess host, string id, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (true)
        {
            var response = await host.Http.GetAsync(host.Api($"/{id}"), timeout.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token)).RootElement;
            }

            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(timeout.Token)}");
            await Task.Delay(250, timeout.Token);
        }
    }

    /// <summary>Every committed artifact (and the run manifest) with its last-modified time.</summary>
    private static async Task<Dictionary<string, DateTimeOffset>> MarkersAsync(BlobContainerClient container)
    {
        var markers = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (!await container.ExistsAsync())
        {
            return markers;
        }

        await foreach (var blob in container.GetBlobsAsync())
        {
            if (blob.Name.EndsWith("/_committed.json", StringComparison.Ordinal) || blob.Name.EndsWith("/manifest.json", StringComparison.Ordinal) && blob.Name.StartsWith("runs/", StringComparison.Ordinal)
                || blob.Name.Contains("/parts/", StringComparison.Ordinal))
            {
                markers[blob.Name] = blob.Properties.LastModified!.Value;
            }
        }

        return markers;
    }
}
