using System.Text;
using LlmSeqRec.Pipeline.Artifacts;

namespace LlmSeqRec.Pipeline.Tests;

/// <summary>What every artifact store must do, run against each implementation.</summary>
internal static class ArtifactStoreContract
{
    public static async Task WritesReadsListsAndReplaces(IArtifactStore store)
    {
        Assert.Null(await store.OpenReadAsync("a/missing.txt"));
        Assert.False(await store.ExistsAsync("a/b/one.txt"));

        await store.WriteAsync("a/b/one.txt", Text("first"));
        await store.WriteAsync("a/b/one.txt", Text("second"));
        await store.WriteAsync("a/two.txt", Text("2"));
        await store.WriteAsync("ab/other.txt", Text("x"));

        Assert.True(await store.ExistsAsync("a/b/one.txt"));
        Assert.Equal("second", await ReadAsync(store, "a/b/one.txt"));
        Assert.Equal(["a/b/one.txt", "a/two.txt"], await ListAsync(store, "a"));
    }

    public static async Task ConditionalReplaceDetectsAConcurrentWriter(IArtifactStore store)
    {
        Assert.True(await store.TryReplaceTextAsync("c/champion.json", "v1", expectedVersion: null));
        Assert.False(await store.TryReplaceTextAsync("c/champion.json", "v1 again", expectedVersion: null));

        var read = (await store.ReadVersionedAsync("c/champion.json"))!;
        Assert.Equal("v1", read.Text);
        Assert.True(await store.TryReplaceTextAsync("c/champion.json", "v2", read.Version));
        Assert.False(await store.TryReplaceTextAsync("c/champion.json", "v3 from a stale reader", read.Version));
        Assert.Equal("v2", (await store.ReadVersionedAsync("c/champion.json"))!.Text);
    }

    public static async Task FolderArtifactsExistOnlyOnceCommittedAndAreVerified(IArtifactStore store, string scratch)
    {
        var source = Path.Combine(scratch, "source");
        Directory.CreateDirectory(Path.Combine(source, "sub"));
        await File.WriteAllTextAsync(Path.Combine(source, "manifest.json"), "{}");
        await File.WriteAllTextAsync(Path.Combine(source, "sub", "data.bin"), "payload");

        // A writer that died after the files but before the marker left nothing a reader uses.
        await store.WriteAsync("f/x/manifest.json", Text("{}"));
        Assert.False(await ArtifactFolders.IsCommittedAsync(store, "f/x"));
        await Assert.ThrowsAsync<InvalidDataException>(() => ArtifactFolders.DownloadAsync(store, "f/x", Path.Combine(scratch, "never")));

        await ArtifactFolders.UploadAsync(store, "f/x", source);
        Assert.True(await ArtifactFolders.IsCommittedAsync(store, "f/x"));
        var copy = Path.Combine(scratch, "copy");
        await ArtifactFolders.DownloadAsync(store, "f/x", copy);
        Assert.Equal("payload", await File.ReadAllTextAsync(Path.Combine(copy, "sub", "data.bin")));

        // A file changed behind the marker's back is refused, not used.
        await store.WriteAsync("f/x/sub/data.bin", Text("tampered"));
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ArtifactFolders.DownloadAsync(store, "f/x", Path.Combine(scratch, "copy2")));
        Assert.Contains("sub/data.bin", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(scratch, "copy2")));
    }

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    private static async Task<string> ReadAsync(IArtifactStore store, string path)
    {
        await using var stream = (await store.OpenReadAsync(path))!;
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    private static async Task<List<string>> ListAsync(IArtifactStore store, string prefix)
    {
        var paths = new List<string>();
        await foreach (var path in store.ListAsync(prefix))
        {
            paths.Add(path);
        }

        return paths;
    }
}
