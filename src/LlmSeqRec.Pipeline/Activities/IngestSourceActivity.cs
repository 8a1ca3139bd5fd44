using System.IO.Compression;
using LlmSeqRec.Data;
using LlmSeqRec.Data.Demo;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Specification;
using Microsoft.DurableTask;

namespace LlmSeqRec.Pipeline.Activities;

/// <summary>An ingested input folder in the store: its content hash, store prefix, dataset name and where it came from.</summary>
public sealed record SourceRef(string Hash, string Prefix, string Name, int Files, string Origin);

/// <summary>
/// Stage "ingest": fetches the dataset's input files (demo generator, host folder, .zip URL or store prefix) and
/// keeps them in the store under <c>sources/{hash}</c>, content-addressed by their paths and bytes, so the same
/// input is stored once and every later stage has a stable key.
/// </summary>
public sealed class IngestSourceActivity(PipelineStorage storage) : TaskActivity<DatasetSpec, SourceRef>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(30) };

    /// <inheritdoc />
    public override async Task<SourceRef> RunAsync(TaskActivityContext context, DatasetSpec input)
    {
        var source = DatasetSource.Parse(input.Source);
        if (source.Error is { } error)
        {
            throw new ArgumentException($"dataset.source: {error}");
        }

        var scratch = storage.ScratchFolder();
        try
        {
            var folder = await FetchAsync(source, scratch).ConfigureAwait(false);
            var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
                .Order(StringComparer.Ordinal)
                .ToArray();
            var parts = new List<string>();
            foreach (var file in files)
            {
                parts.Add(file);
                parts.Add(await ContentHash.OfFileAsync(Path.Combine(folder, file)).ConfigureAwait(false));
            }

            var hash = ContentHash.Of(["llmseqrec.source/1", .. parts]);
            var prefix = ArtifactLayout.Source(hash);
            if (!await ArtifactFolders.IsCommittedAsync(storage.Store, prefix).ConfigureAwait(false))
            {
                await ArtifactFolders.UploadAsync(storage.Store, prefix, folder).ConfigureAwait(false);
            }

            return new SourceRef(hash, prefix, input.Name ?? NameOf(source, folder), files.Length, input.Source);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private async Task<string> FetchAsync(DatasetSource source, string scratch)
    {
        switch (source.Kind)
        {
            case DatasetSourceKind.Demo:
                DemoDataset.Write(scratch);
                return scratch;
            case DatasetSourceKind.Folder:
                if (!Directory.Exists(source.Location))
                {
                    throw new DirectoryNotFoundException($"dataset.source: folder '{source.Location}' does not exist on this host");
                }

                return source.Location;
            case DatasetSourceKind.Url:
                var archive = Path.Combine(scratch, "download.zip");
                await using (var body = await Http.GetStreamAsync(new Uri(source.Location)).ConfigureAwait(false))
                await using (var file = File.Create(archive))
                {
                    await body.CopyToAsync(file).ConfigureAwait(false);
                }

                var extracted = Path.Combine(scratch, "extracted");
                ZipFile.ExtractToDirectory(archive, extracted);
                // An archive of one top-level folder is that folder.
                var entries = Directory.GetFileSystemEntries(extracted);
                return entries is [var only] && Directory.Exists(only) ? only : extracted;
            case DatasetSourceKind.Store:
                var copied = Path.Combine(scratch, "store");
                var count = 0;
                await foreach (var path in storage.Store.ListAsync(source.Location).ConfigureAwait(false))
                {
                    var target = Path.Combine(copied, path[(source.Location.Length + 1)..].Replace('/', Path.DirectorySeparatorChar));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    await using var from = (await storage.Store.OpenReadAsync(path).ConfigureAwait(false))!;
                    await using var to = File.Create(target);
                    await from.CopyToAsync(to).ConfigureAwait(false);
                    count++;
                }

                return count > 0 ? copied : throw new FileNotFoundException($"dataset.source: no files under '{source.Location}' in the artifact store");
            default:
                throw new ArgumentOutOfRangeException(nameof(source), source.Kind, null);
        }
    }

    private static string NameOf(DatasetSource source, string folder) => source.Kind switch
    {
        DatasetSourceKind.Demo => "demo",
        DatasetSourceKind.Url => Path.GetFileNameWithoutExtension(new Uri(source.Location).AbsolutePath),
        DatasetSourceKind.Store => source.Location.Split('/')[^1],
        _ => DatasetLoader.DatasetName(folder),
    };
}
