using LlmSeqRec.Functions.Hosting;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Jobs;
using LlmSeqRec.TestSupport;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LlmSeqRec.Functions.Tests;

/// <summary>The app's services as Program.cs registers them from the app settings.</summary>
public sealed class PipelineFunctionsServicesTests
{
    [Fact]
    public void A_connection_string_gives_blob_and_queue_clients_of_that_account()
    {
        var account = StorageAccount.FromConfiguration(Settings(new() { ["ArtifactStorage"] = "UseDevelopmentStorage=true" }));

        Assert.False(account.UsesIdentity);
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", account.Blobs().Uri.ToString().TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10001/devstoreaccount1/jobs", account.Queue("jobs").Uri.ToString());
    }

    [Fact]
    public void Service_uris_use_the_managed_identity()
    {
        var account = StorageAccount.FromConfiguration(Settings(new()
        {
            ["ArtifactStorage:blobServiceUri"] = "https://acct.blob.core.windows.net",
            ["ArtifactStorage:queueServiceUri"] = "https://acct.queue.core.windows.net",
            ["ArtifactStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        }));

        Assert.True(account.UsesIdentity);
        Assert.Equal("https://acct.blob.core.windows.net/", account.Blobs().Uri.ToString());
        Assert.Equal("https://acct.queue.core.windows.net/llmseqrec-completions", account.Queue("llmseqrec-completions").Uri.ToString());
    }

    [Theory]
    [InlineData(null, "ArtifactStorage__blobServiceUri")]
    [InlineData("not a uri", "is not an absolute URI")]
    public void Missing_or_bad_storage_settings_fail_with_the_setting_names(string? blobUri, string expected)
    {
        var settings = new Dictionary<string, string?> { ["ArtifactStorage:queueServiceUri"] = "https://acct.queue.core.windows.net" };
        if (blobUri is not null)
        {
            settings["ArtifactStorage:blobServiceUri"] = blobUri;
        }

        var error = Assert.Throws<InvalidOperationException>(() => StorageAccount.FromConfiguration(Settings(settings)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_services_build_every_activity_of_the_registration_list_on_the_configured_container_and_queue()
    {
        using var provider = new ServiceCollection()
            .AddPipelineFunctions(Settings(new() { ["ArtifactStorage"] = "UseDevelopmentStorage=true", ["ArtifactContainer"] = "mycontainer", ["JobsQueue"] = "myjobs" }))
            .BuildServiceProvider();

        var store = Assert.IsType<BlobArtifactStore>(provider.GetRequiredService<IArtifactStore>());
        Assert.Equal("mycontainer", store.Container.Name);
        Assert.Equal("myjobs", Assert.IsType<QueueJobDispatcher>(provider.GetRequiredService<IJobDispatcher>()).Queue.Name);
        foreach (var activity in typeof(ModelJobRunner).Assembly.GetTypes().Where(t => typeof(ITaskActivity).IsAssignableFrom(t) && !t.IsAbstract))
        {
            Assert.NotNull(ActivatorUtilities.GetServiceOrCreateInstance(provider, activity));
        }
    }

    [AzuriteFact]
    public async Task On_start_the_app_creates_its_container_and_queues()
    {
        var (container, jobs, completions) = (Azurite.UniqueName("fnc"), Azurite.UniqueName("fnj"), Azurite.UniqueName("fnq"));
        var settings = Settings(new() { ["ArtifactStorage"] = Azurite.ConnectionString, ["ArtifactContainer"] = container, ["JobsQueue"] = jobs, ["CompletionsQueue"] = completions });
        using var provider = new ServiceCollection().AddPipelineFunctions(settings).BuildServiceProvider();
        var account = provider.GetRequiredService<StorageAccount>();

        foreach (var service in provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        try
        {
            var store = provider.GetRequiredService<IArtifactStore>();
            await store.WriteAsync("probe.txt", new MemoryStream("ok"u8.ToArray()));
            Assert.True(await store.ExistsAsync("probe.txt"));
            Assert.True((await account.Queue(jobs).ExistsAsync()).Value);
            Assert.True((await account.Queue(completions).ExistsAsync()).Value);
        }
        finally
        {
            await account.Blobs().DeleteBlobContainerAsync(container);
            await account.Queue(jobs).DeleteIfExistsAsync();
            await account.Queue(completions).DeleteIfExistsAsync();
        }
    }

    private static IConfiguration Settings(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
