using LlmSeqRec.Build;
using LlmSeqRec.TestSupport;
using Microsoft.Build.Utilities;

namespace LlmSeqRec.Tensors.Tests;

/// <summary>The MSBuild task around the patch: its modes and its errors.</summary>
public sealed class PatchTorchSharpNativeTaskTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Always_patches_and_reports_the_file()
    {
        var path = CopyOfPackageLibrary();
        var (task, _) = Task("always", path);

        Assert.True(task.Execute());

        Assert.Equal(path, Assert.Single(task.PatchedFiles).ItemSpec);
        Assert.Equal(PatchOutcome.AlreadyPatched, IosBaseLibraryInitPatch.Check(path));
    }

    [Fact]
    public void Never_leaves_the_file_alone()
    {
        var path = CopyOfPackageLibrary();
        var (task, _) = Task("never", path);

        Assert.True(task.Execute());

        Assert.Empty(task.PatchedFiles);
        Assert.Equal(PatchOutcome.NeedsPatch, IosBaseLibraryInitPatch.Check(path));
    }

    [Fact]
    public void Auto_patches_only_where_the_loader_lacks_the_version()
    {
        var path = CopyOfPackageLibrary();
        var (task, _) = Task("auto", path);
        LoaderLibstdcxx.TryProvides(_temp.Path, IosBaseLibraryInitPatch.Symbol, IosBaseLibraryInitPatch.Version, out var systemHasIt, out _);

        Assert.True(task.Execute());

        Assert.Equal(systemHasIt ? 0 : 1, task.PatchedFiles.Length);
    }

    [Fact]
    public void A_bad_file_or_mode_fails_the_build_with_a_message()
    {
        var bad = _temp.Write("libLibTorchSharp.so", "not a library");
        var (task, engine) = Task("always", bad);
        var (badMode, badModeEngine) = Task("sometimes", bad);

        Assert.False(task.Execute());
        Assert.False(badMode.Execute());

        Assert.Contains(engine.Errors, e => e.Contains("cannot patch", StringComparison.Ordinal) && e.Contains("not an ELF file", StringComparison.Ordinal));
        Assert.Contains(badModeEngine.Errors, e => e.Contains("auto, always or never", StringComparison.Ordinal));
    }

    private static (PatchTorchSharpNative Task, RecordingBuildEngine Engine) Task(string mode, string path)
    {
        var engine = new RecordingBuildEngine();
        var task = new PatchTorchSharpNative { BuildEngine = engine, Mode = mode, Files = [new TaskItem(path)] };
        return (task, engine);
    }

    private string CopyOfPackageLibrary()
    {
        var path = _temp["libLibTorchSharp.so"];
        File.Copy(NativeSamples.PackageLibTorchSharp, path);
        return path;
    }
}
