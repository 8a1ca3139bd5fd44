using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Pipeline.Tests;

public sealed class FolderArtifactStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public Task Writes_reads_lists_and_replaces() => ArtifactStoreContract.WritesReadsListsAndReplaces(new FolderArtifactStore(_temp["store"]));

    [Fact]
    public Task Conditional_replace_detects_a_concurrent_writer() => ArtifactStoreContract.ConditionalReplaceDetectsAConcurrentWriter(new FolderArtifactStore(_temp["store"]));

    [Fact]
    public Task Folder_artifacts_exist_only_once_committed_and_are_verified() =>
        ArtifactStoreContract.FolderArtifactsExistOnlyOnceCommittedAndAreVerified(new FolderArtifactStore(_temp["store"]), _temp["scratch"]);

    [Fact]
    public async Task Paths_cannot_leave_the_store()
    {
        var store = new FolderArtifactStore(_temp["store"]);

        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync("../outside.txt", new MemoryStream([1])));
    }

    public void Dispose() => _temp.Dispose();
}

public sealed class BlobArtifactStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [AzuriteFact]
    public async Task Writes_reads_lists_and_replaces() => await ArtifactStoreContract.WritesReadsListsAndReplaces(await ConnectAsync());

    [AzuriteFact]
    public async Task Conditional_replace_detects_a_concurrent_writer() => await ArtifactStoreContract.ConditionalReplaceDetectsAConcurrentWriter(await ConnectAsync());

    [AzuriteFact]
    public async Task Folder_artifacts_exist_only_once_committed_and_are_verified() =>
        await ArtifactStoreContract.FolderArtifactsExistOnlyOnceCommittedAndAreVerified(await ConnectAsync(), _temp["scratch"]);

    public void Dispose() => _temp.Dispose();

    private static Task<BlobArtifactStore> ConnectAsync() => BlobArtifactStore.ConnectAsync(Azurite.ConnectionString, Azurite.UniqueName("test"));
}
