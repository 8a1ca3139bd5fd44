using LlmSeqRec.Build;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Tensors.Tests;

/// <summary>The ELF edit of build/TorchSharpNativeCompat.cs, on copies of the real libraries.</summary>
public sealed class TorchSharpNativeCompatTests : IDisposable
{
    private const int FuncType = 2; // STT_FUNC
    private const int GlobalBinding = 1; // STB_GLOBAL
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_package_library_needs_the_patch_and_reads_as_linked()
    {
        var elf = ElfImage.Read(NativeSamples.PackageLibTorchSharp);
        var (symbol, need) = SymbolAndNeed(elf);

        Assert.Equal(PatchOutcome.NeedsPatch, IosBaseLibraryInitPatch.Check(NativeSamples.PackageLibTorchSharp));
        Assert.Equal("libstdc++.so.6", need.File);
        Assert.Equal(0, need.Flags);
        Assert.Equal(need.Other, elf.VersionIndex(symbol.Index));
        Assert.Equal(GlobalBinding, symbol.Binding);
        Assert.Equal(ElfImage.ShnUndef, symbol.SectionIndex);
    }

    [Fact]
    public void Patching_makes_the_version_need_and_the_symbol_weak_and_changes_nothing_else()
    {
        var original = File.ReadAllBytes(NativeSamples.PackageLibTorchSharp);
        var path = Copy(NativeSamples.PackageLibTorchSharp, "libLibTorchSharp.so");
        var time = new DateTime(2026, 2, 13, 12, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, time);

        Assert.Equal(PatchOutcome.Patched, IosBaseLibraryInitPatch.Apply(path));

        var elf = ElfImage.Read(path);
        var (symbol, need) = SymbolAndNeed(elf);
        Assert.Equal(ElfImage.VerFlgWeak, need.Flags);
        Assert.Equal(ElfImage.VerNdxGlobal, elf.VersionIndex(symbol.Index));
        Assert.Equal(ElfImage.StbWeak, symbol.Binding);
        Assert.Equal(FuncType, symbol.Info & 0xf);

        // Three edits: vna_flags (low byte), the .gnu.version entry (low byte), st_info.
        var patched = File.ReadAllBytes(path);
        Assert.Equal(original.Length, patched.Length);
        Assert.Equal(3, Enumerable.Range(0, original.Length).Count(i => original[i] != patched[i]));
        Assert.Equal(time, File.GetLastWriteTimeUtc(path));
        Assert.Equal(PatchOutcome.AlreadyPatched, IosBaseLibraryInitPatch.Check(path));
    }

    [Fact]
    public void Patching_twice_leaves_the_patched_file_alone()
    {
        var path = Copy(NativeSamples.PackageLibTorchSharp, "libLibTorchSharp.so");
        IosBaseLibraryInitPatch.Apply(path);
        var once = File.ReadAllBytes(path);
        var time = File.GetLastWriteTimeUtc(path);

        Assert.Equal(PatchOutcome.AlreadyPatched, IosBaseLibraryInitPatch.Apply(path));

        Assert.Equal(once, File.ReadAllBytes(path));
        Assert.Equal(time, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void A_library_that_never_needed_the_version_is_left_untouched()
    {
        var path = Copy(NativeSamples.OutputC10, "libc10.so");
        var before = File.ReadAllBytes(path);
        var time = File.GetLastWriteTimeUtc(path);

        Assert.Equal(PatchOutcome.NotNeeded, IosBaseLibraryInitPatch.Apply(path));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(time, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void The_build_output_copy_is_patched_exactly_where_this_system_needs_it()
    {
        Assert.True(LoaderLibstdcxx.TryProvides(NativeSamples.OutputNativeFolder, IosBaseLibraryInitPatch.Symbol,
            IosBaseLibraryInitPatch.Version, out var systemHasIt, out var which), which);

        var expected = systemHasIt ? PatchOutcome.NeedsPatch : PatchOutcome.AlreadyPatched;
        Assert.Equal(expected, IosBaseLibraryInitPatch.Check(NativeSamples.OutputLibTorchSharp));
    }

    [Fact]
    public void A_link_into_the_package_cache_is_replaced_not_written_through()
    {
        var cached = Copy(NativeSamples.PackageLibTorchSharp, "cache.so");
        var before = File.ReadAllBytes(cached);
        var link = _temp["output.so"];
        File.CreateSymbolicLink(link, cached);

        Assert.Equal(PatchOutcome.Patched, IosBaseLibraryInitPatch.Apply(link));

        Assert.Equal(before, File.ReadAllBytes(cached));
        Assert.Null(new FileInfo(link).LinkTarget);
        Assert.Equal(PatchOutcome.AlreadyPatched, IosBaseLibraryInitPatch.Check(link));
    }

    [Fact]
    public void A_hard_link_into_the_package_cache_is_replaced_not_written_through()
    {
        // Builds hard-link package assets into bin (Directory.Build.props), so the output's library is the cache's file.
        var cached = Copy(NativeSamples.PackageLibTorchSharp, "cache.so");
        var before = File.ReadAllBytes(cached);
        var link = _temp["output.so"];
        Assert.Equal(0, HardLink(cached, link));

        Assert.Equal(PatchOutcome.Patched, IosBaseLibraryInitPatch.Apply(link));

        Assert.Equal(before, File.ReadAllBytes(cached));
        Assert.Equal(PatchOutcome.NeedsPatch, IosBaseLibraryInitPatch.Check(cached));
        Assert.Equal(PatchOutcome.AlreadyPatched, IosBaseLibraryInitPatch.Check(link));
    }

    [Fact]
    public void Another_symbol_bound_to_the_version_is_an_error_not_a_silent_weakening()
    {
        var path = Copy(NativeSamples.PackageLibTorchSharp, "libLibTorchSharp.so");
        var elf = ElfImage.Read(path);
        var (_, need) = SymbolAndNeed(elf);
        var victim = elf.ReadDynamicSymbols().First(s => s.SectionIndex == ElfImage.ShnUndef && s.Name.StartsWith("_ZNSt", StringComparison.Ordinal));
        elf.SetVersionIndex(victim.Index, need.Other);
        File.WriteAllBytes(path, elf.Bytes);
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<InvalidDataException>(() => IosBaseLibraryInitPatch.Apply(path));

        Assert.Contains(victim.Name, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_file_that_is_not_elf_gives_a_clear_error()
    {
        var path = _temp.Write("libLibTorchSharp.so", "version https://git-lfs.github.com/spec/v1\n");

        var error = Assert.Throws<InvalidDataException>(() => IosBaseLibraryInitPatch.Apply(path));

        Assert.Contains("is not an ELF file", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_elf_file_gives_a_clear_error()
    {
        var path = _temp["truncated.so"];
        File.WriteAllBytes(path, File.ReadAllBytes(NativeSamples.PackageLibTorchSharp).AsSpan(0, 4096).ToArray());

        var error = Assert.Throws<InvalidDataException>(() => IosBaseLibraryInitPatch.Apply(path));

        Assert.Contains("not a readable ELF file", error.Message, StringComparison.Ordinal);
    }

    private static (ElfSymbol Symbol, ElfVersionNeedAux Need) SymbolAndNeed(ElfImage elf) =>
        (elf.ReadDynamicSymbols().Single(s => s.Name == IosBaseLibraryInitPatch.Symbol),
         elf.ReadVersionNeeds().Single(n => n.Name == IosBaseLibraryInitPatch.Version));

    private string Copy(string source, string name)
    {
        var path = _temp[name];
        File.Copy(source, path);
        return path;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int HardLink(string existing, string created);
}
