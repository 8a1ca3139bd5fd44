using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LlmSeqRec.Worker.Tests;

/// <summary>
/// The worker's storage account from a connection string or from service URIs with a token credential. OAuth
/// against Azurite is not possible here (bearer tokens need HTTPS), so the identity path is checked up to the
/// token request: the clients point at the URIs and ask the credential for a storage token before any request.
/// </summary>
public sealed class WorkerStorageAccountTests
{
    private static readonly Uri BlobUri = new("https://account.blob.core.windows.net");
    private static readonly Uri QueueUri = new("https://account.queue.core.windows.net");

    [Fact]
    public void A_connection_string_builds_key_clients_on_its_endpoints()
    {
        var account = WorkerStorageAccount.For(new WorkerOptions("UseDevelopmentStorage=true"));

        Assert.False(account.UsesIdentity);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1/artifacts"), account.Container("artifacts").Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), account.Queues().Uri);
    }

    [Fact]
    public void The_service_uris_build_the_clients_on_those_uris()
    {
        var account = WorkerStorageAccount.For(new WorkerOptions(null, BlobServiceUri: BlobUri, QueueServiceUri: QueueUri));

        Assert.True(account.UsesIdentity);
        Assert.Equal(new Uri("https://account.blob.core.windows.net/artifacts"), account.Container("artifacts").Uri);
        Assert.Equal(new Uri("https://account.queue.core.windows.net/gpu-jobs"), account.Queues().GetQueueClient("gpu-jobs").Uri);
    }

    [Fact]
    public async Task The_clients_of_the_service_uris_authenticate_with_the_credential_for_storage()
    {
        var credential = new RefusingCredential();
        var options = new WorkerOptions(null, "artifacts", "gpu-jobs", BlobServiceUri: BlobUri, QueueServiceUri: QueueUri);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddGpuWorker(options, credential);
        using var host = builder.Build();
        var services = host.Services;

        var container = services.GetRequiredService<BlobContainerClient>();
        var queues = services.GetRequiredService<QueueServiceClient>();
        Assert.Equal(new Uri("https://account.blob.core.windows.net/artifacts"), container.Uri);
        Assert.Equal(QueueUri, queues.Uri);
        Assert.NotNull(services.GetRequiredService<JobQueueWorker>());

        await Assert.ThrowsAsync<TokenRefusedException>(() => container.CreateIfNotExistsAsync());
        await Assert.ThrowsAsync<TokenRefusedException>(() => queues.GetQueueClient("gpu-jobs").CreateIfNotExistsAsync());
        Assert.Equal(["https://storage.azure.com/.default", "https://storage.azure.com/.default"], credential.Scopes);
    }

    [Theory]
    [InlineData(true, true, false)]
    [InlineData(true, false, true)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    [InlineData(false, false, false)]
    public void Anything_but_a_connection_string_or_both_uris_is_refused(bool connectionString, bool blob, bool queue)
    {
        var options = new WorkerOptions(connectionString ? "UseDevelopmentStorage=true" : null, BlobServiceUri: blob ? BlobUri : null, QueueServiceUri: queue ? QueueUri : null);

        Assert.Throws<ArgumentException>(() => WorkerStorageAccount.For(options));
    }

    private sealed class TokenRefusedException() : Exception("no token in tests");

    /// <summary>Records the scopes asked for and refuses, so no request leaves the process.</summary>
    private sealed class RefusingCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            throw new TokenRefusedException();
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
