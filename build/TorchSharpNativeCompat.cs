// Makes TorchSharp's native glue library, libLibTorchSharp.so, load on a libstdc++ older than GCC 13's.
//
// The problem. TorchSharp 0.107's libLibTorchSharp.so was linked against GCC 13+'s libstdc++, so its version-needs
// table (.gnu.version_r) asks libstdc++.so.6 for GLIBCXX_3.4.32. Debian 12 ships GCC 12's libstdc++, which defines
// versions up to GLIBCXX_3.4.30, and the dynamic loader refuses the whole library ("version `GLIBCXX_3.4.32' not
// found") before any of its code runs. The one symbol bound to that version is std::ios_base_library_init()
// (_ZSt21ios_base_library_initv). GCC 13's <iostream> only names it (an assembler ".globl", no relocation) so that
// the link pulls in a libstdc++ that initialises std::cout and friends itself; nothing calls it. On an older
// libstdc++ the streams are initialised by the std::ios_base::Init objects of the translation units that include
// <iostream>, and libc10.so and libtorch_cpu.so, which load (and initialise) before libLibTorchSharp.so, have those.
// libLibTorchSharp.so imports no standard stream object itself.
//
// The fix, applied to the copy of the library in a build or publish output (never the NuGet cache), three byte
// edits that leave the file size and layout unchanged:
//   (a) .gnu.version_r: set VER_FLG_WEAK on the GLIBCXX_3.4.32 Elf64_Vernaux entry. glibc's version check
//       (dl-version.c, match_symbol) then treats a missing version as non-fatal. This edit alone is what makes
//       dlopen succeed: checked on Debian 12 with RTLD_NOW and LD_BIND_NOW=1, because no relocation refers to
//       the symbol, so the loader never looks it up.
//   (b) .gnu.version: set the symbol's version index to VER_NDX_GLOBAL (1), so that no lookup of it is tied to the
//       missing version;
//   (c) .dynsym: make the undefined symbol STB_WEAK, so that if anything ever did look it up (a later build of the
//       library with a real relocation against it), an unresolved weak reference resolves to 0 instead of failing.
//   (b) and (c) alone do not help (the version check in (a) runs first); together the three leave a file that
//   readelf shows as "GLIBCXX_3.4.32 Flags: WEAK" and "WEAK DEFAULT UND _ZSt21ios_base_library_initv" with no
//   version suffix.
// Before editing, the patch checks that no other symbol is bound to GLIBCXX_3.4.32: weakening a version that a
// real function needs would turn a clear load error into a crash later, so that case is an error instead.
//
// No patchelf and no compiled shim are needed. The file is rewritten through a temporary file and a rename, so a
// hard or symbolic link into the NuGet cache is replaced rather than written through, and a reader never sees a
// half-written file. The original modification time is kept, so MSBuild's incremental copy (same size and time as
// the package's file: skip) does not copy the unpatched file back on the next build. Re-running on a patched file
// reads it and changes nothing.
//
// This is one file because MSBuild's RoslynCodeTaskFactory compiles a single source file into the inline task
// (build/TorchSharpNativeCompat.targets). It is compiled against netstandard 2.0 there, so it keeps to that API
// (no spans, no File.Move overwrite). The tests in tests/LlmSeqRec.Tensors.Tests compile the same file.
#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Build.Framework;

namespace LlmSeqRec.Build
{
    /// <summary>
    /// MSBuild task: applies <see cref="IosBaseLibraryInitPatch"/> to the given copies of libLibTorchSharp.so when the
    /// libstdc++.so.6 the dynamic loader would use lacks GLIBCXX_3.4.32 (Mode "auto"), always ("always") or never
    /// ("never").
    /// </summary>
    public sealed class PatchTorchSharpNative : Microsoft.Build.Utilities.Task
    {
        /// <summary>Copies of libLibTorchSharp.so in an output folder.</summary>
        [Required]
        public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>"auto" (patch only where the system libstdc++ needs it), "always" or "never".</summary>
        public string Mode { get; set; } = "auto";

        /// <summary>The files this run changed.</summary>
        [Output]
        public ITaskItem[] PatchedFiles { get; set; } = Array.Empty<ITaskItem>();

        /// <inheritdoc />
        public override bool Execute()
        {
            var mode = (Mode ?? "auto").Trim().ToLowerInvariant();
            if (mode != "auto" && mode != "always" && mode != "never")
            {
                Log.LogError($"TorchSharpNativeCompat must be auto, always or never, not '{Mode}'.");
                return false;
            }

            var patched = new List<ITaskItem>();
            foreach (var item in mode == "never" ? Array.Empty<ITaskItem>() : Files)
            {
                var path = item.GetMetadata("FullPath");
                if (mode == "auto")
                {
                    if (!LoaderLibstdcxx.TryProvides(Path.GetDirectoryName(path) ?? ".", IosBaseLibraryInitPatch.Symbol,
                            IosBaseLibraryInitPatch.Version, out var provides, out var which))
                    {
                        Log.LogMessage(MessageImportance.Low,
                            $"TorchSharpNativeCompat: cannot ask the dynamic loader about libstdc++ ({which}); {path} left as it is.");
                        continue;
                    }

                    if (provides)
                    {
                        Log.LogMessage(MessageImportance.Low,
                            $"TorchSharpNativeCompat: {which} has {IosBaseLibraryInitPatch.Version}; {path} needs no patch.");
                        continue;
                    }
                }

                try
                {
                    var outcome = IosBaseLibraryInitPatch.Apply(path);
                    if (outcome == PatchOutcome.Patched)
                    {
                        patched.Add(item);
                        Log.LogMessage(MessageImportance.Normal,
                            $"TorchSharpNativeCompat: made {IosBaseLibraryInitPatch.Symbol}@{IosBaseLibraryInitPatch.Version} weak in {path}.");
                    }
                    else
                    {
                        Log.LogMessage(MessageImportance.Low, $"TorchSharpNativeCompat: {path}: {outcome}.");
                    }
                }
                catch (Exception e) when (e is InvalidDataException || e is IOException || e is UnauthorizedAccessException)
                {
                    Log.LogError($"TorchSharpNativeCompat: cannot patch {path}: {e.Message}");
                }
            }

            PatchedFiles = patched.ToArray();
            return !Log.HasLoggedErrors;
        }
    }

    /// <summary>What <see cref="IosBaseLibraryInitPatch"/> found or did.</summary>
    public enum PatchOutcome
    {
        /// <summary>The file does not need GLIBCXX_3.4.32 for that symbol: nothing to do.</summary>
        NotNeeded,

        /// <summary>The file still needs the patch (only from <see cref="IosBaseLibraryInitPatch.Check"/>).</summary>
        NeedsPatch,

        /// <summary>The file was patched just now.</summary>
        Patched,

        /// <summary>The file was already patched.</summary>
        AlreadyPatched,
    }

    /// <summary>
    /// The edit described at the top of this file: std::ios_base_library_init() and its version need
    /// GLIBCXX_3.4.32 made weak in a 64-bit little-endian ELF shared library.
    /// </summary>
    public static class IosBaseLibraryInitPatch
    {
        /// <summary>std::ios_base_library_init(), mangled.</summary>
        public const string Symbol = "_ZSt21ios_base_library_initv";

        /// <summary>The libstdc++ symbol version it is bound to.</summary>
        public const string Version = "GLIBCXX_3.4.32";

        /// <summary>Reads the file and tells what <see cref="Apply"/> would do, without changing it.</summary>
        /// <exception cref="InvalidDataException">Not an ELF file this can read, or another symbol needs the version.</exception>
        public static PatchOutcome Check(string path)
        {
            var elf = ElfImage.Read(path);
            return Plan(elf, path).Outcome;
        }

        /// <summary>Patches the file if it needs it; leaves it byte-for-byte and time-for-time alone otherwise.</summary>
        /// <exception cref="InvalidDataException">Not an ELF file this can read, or another symbol needs the version.</exception>
        public static PatchOutcome Apply(string path)
        {
            var elf = ElfImage.Read(path);
            var plan = Plan(elf, path);
            if (plan.Outcome != PatchOutcome.NeedsPatch)
            {
                return plan.Outcome;
            }

            if (plan.VersionNeed is { } need)
            {
                elf.SetVersionNeedFlags(need, (ushort)(need.Flags | ElfImage.VerFlgWeak));
            }

            if (plan.Symbol is { } symbol)
            {
                elf.SetVersionIndex(symbol.Index, ElfImage.VerNdxGlobal);
                elf.SetBinding(symbol.Index, ElfImage.StbWeak);
            }

            WriteKeepingTime(path, elf.Bytes);
            return PatchOutcome.Patched;
        }

        private static (PatchOutcome Outcome, ElfSymbol? Symbol, ElfVersionNeedAux? VersionNeed) Plan(ElfImage elf, string path)
        {
            ElfVersionNeedAux? need = null;
            foreach (var aux in elf.ReadVersionNeeds())
            {
                if (aux.Name == Version)
                {
                    need = aux;
                }
            }

            ElfSymbol? symbol = null;
            foreach (var candidate in elf.ReadDynamicSymbols())
            {
                if (candidate.Name == Symbol && candidate.SectionIndex == ElfImage.ShnUndef)
                {
                    symbol = candidate;
                }
            }

            if (need is null && symbol is null)
            {
                return (PatchOutcome.NotNeeded, null, null);
            }

            if (need is { } n)
            {
                // Every other symbol bound to the version would really need it: weakening it would hide that.
                foreach (var other in elf.ReadDynamicSymbols())
                {
                    if (other.Name != Symbol && (elf.VersionIndex(other.Index) & ElfImage.VersymIndexMask) == n.Other)
                    {
                        throw new InvalidDataException(
                            $"{path}: {other.Name} also needs {Version}; only {Symbol} is known to be safe to make weak");
                    }
                }
            }

            var needDone = need is null || (need.Flags & ElfImage.VerFlgWeak) != 0;
            var symbolDone = symbol is null
                || (symbol.Binding == ElfImage.StbWeak && elf.VersionIndex(symbol.Index) == ElfImage.VerNdxGlobal);
            if (needDone && symbolDone)
            {
                // The version may be needed (weakly) with no symbol bound to it any more: that is the patched state.
                return (PatchOutcome.AlreadyPatched, symbol, need);
            }

            return (PatchOutcome.NeedsPatch, symbol, need);
        }

        private static void WriteKeepingTime(string path, byte[] bytes)
        {
            var lastWrite = File.GetLastWriteTimeUtc(path);
            var temp = path + ".compat-" + Guid.NewGuid().ToString("N");
            try
            {
                // Copy first so the new file keeps the permission bits (the executable bit) of the old one.
                File.Copy(path, temp);
                File.WriteAllBytes(temp, bytes);
                File.SetLastWriteTimeUtc(temp, lastWrite);

                // A rename replaces the directory entry: a hard or symbolic link to the package cache is replaced,
                // never written through.
                File.Replace(temp, path, null);
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }
    }

    /// <summary>
    /// Asks the dynamic loader itself (dlopen and dlvsym from glibc) whether the libstdc++.so.6 it would give a
    /// library in a given folder defines a versioned symbol.
    /// </summary>
    public static class LoaderLibstdcxx
    {
        private const int RtldLazy = 0x0001;

        /// <summary>
        /// Looks up <paramref name="symbol"/>@<paramref name="version"/> in the libstdc++.so.6 that a library in
        /// <paramref name="libraryFolder"/> would load: one beside it (libLibTorchSharp.so's RUNPATH starts with
        /// $ORIGIN) or else the one the loader finds by name (LD_LIBRARY_PATH, the ld.so cache, the system folders).
        /// </summary>
        /// <returns>False when the loader cannot be asked (not glibc, no libstdc++.so.6); <paramref name="which"/> says why.</returns>
        public static bool TryProvides(string libraryFolder, string symbol, string version, out bool provides, out string which)
        {
            provides = false;
            var beside = Path.Combine(libraryFolder, "libstdc++.so.6");
            var name = File.Exists(beside) ? beside : "libstdc++.so.6";
            which = name;
            try
            {
                var handle = NativeMethods.dlopen(CString(name), RtldLazy);
                if (handle == IntPtr.Zero)
                {
                    which = name + ": dlopen failed";
                    return false;
                }

                try
                {
                    provides = NativeMethods.dlvsym(handle, CString(symbol), CString(version)) != IntPtr.Zero;
                    return true;
                }
                finally
                {
                    _ = NativeMethods.dlclose(handle);
                }
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                which = name + ": no glibc libdl (" + e.Message + ")";
                return false;
            }
        }

        // NUL-terminated UTF-8, passed as bytes so that no string marshalling rules are involved.
        private static byte[] CString(string value) => Encoding.UTF8.GetBytes(value + "\0");

        private static class NativeMethods
        {
            // libdl.so.2 exists on every glibc (since 2.34 as a stub forwarding to libc.so.6).
            [DllImport("libdl.so.2")]
            internal static extern IntPtr dlopen(byte[] file, int mode);

            [DllImport("libdl.so.2")]
            internal static extern IntPtr dlvsym(IntPtr handle, byte[] symbol, byte[] version);

            [DllImport("libdl.so.2")]
            internal static extern int dlclose(IntPtr handle);
        }
    }

    /// <summary>One Elf64_Sym entry of .dynsym.</summary>
    public sealed class ElfSymbol
    {
        /// <summary>Makes an entry.</summary>
        public ElfSymbol(int index, string name, byte info, ushort sectionIndex)
        {
            Index = index;
            Name = name;
            Info = info;
            SectionIndex = sectionIndex;
        }

        /// <summary>Index in .dynsym (and in .gnu.version, which runs parallel to it).</summary>
        public int Index { get; }

        /// <summary>st_name resolved in .dynstr.</summary>
        public string Name { get; }

        /// <summary>st_info: binding in the high four bits, type in the low four.</summary>
        public byte Info { get; }

        /// <summary>st_shndx: 0 (SHN_UNDEF) for a symbol the library imports.</summary>
        public ushort SectionIndex { get; }

        /// <summary>STB_LOCAL 0, STB_GLOBAL 1, STB_WEAK 2.</summary>
        public int Binding => Info >> 4;
    }

    /// <summary>One Elf64_Vernaux entry of .gnu.version_r: a version needed from one library.</summary>
    public sealed class ElfVersionNeedAux
    {
        /// <summary>Makes an entry.</summary>
        public ElfVersionNeedAux(long offset, string file, string name, ushort flags, ushort other)
        {
            Offset = offset;
            File = file;
            Name = name;
            Flags = flags;
            Other = other;
        }

        /// <summary>File offset of the entry.</summary>
        public long Offset { get; }

        /// <summary>vn_file of the Elf64_Verneed the entry belongs to, e.g. libstdc++.so.6.</summary>
        public string File { get; }

        /// <summary>vna_name, e.g. GLIBCXX_3.4.32.</summary>
        public string Name { get; }

        /// <summary>vna_flags: VER_FLG_WEAK is 2.</summary>
        public ushort Flags { get; }

        /// <summary>vna_other: the version index that .gnu.version entries use for this version.</summary>
        public ushort Other { get; }
    }

    /// <summary>
    /// A 64-bit little-endian ELF file in memory, read through its section headers: just enough to read and edit
    /// .dynsym, .gnu.version (versym) and .gnu.version_r (verneed). Offsets are checked; a bad file gives an
    /// <see cref="InvalidDataException"/>.
    /// </summary>
    public sealed class ElfImage
    {
        /// <summary>st_shndx of an undefined symbol.</summary>
        public const ushort ShnUndef = 0;

        /// <summary>Binding of a weak symbol.</summary>
        public const int StbWeak = 2;

        /// <summary>vna_flags bit: the version is optional.</summary>
        public const ushort VerFlgWeak = 0x2;

        /// <summary>.gnu.version index meaning "the unversioned global definition".</summary>
        public const ushort VerNdxGlobal = 1;

        /// <summary>.gnu.version bits that hold the index (bit 15 is "hidden").</summary>
        public const ushort VersymIndexMask = 0x7fff;

        private const uint ShtDynsym = 11;
        private const uint ShtGnuVersym = 0x6fffffff;
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const int Elf64SymSize = 24;
        private const int Elf64ShdrSize = 64;

        private readonly Section _dynsym;
        private readonly Section _dynstr;
        private readonly Section? _versym;
        private readonly Section? _verneed;
        private readonly string _path;

        private ElfImage(byte[] bytes, string path)
        {
            Bytes = bytes;
            _path = path;

            // Elf64_Ehdr: e_ident[16] (magic, EI_CLASS at 4, EI_DATA at 5), ..., e_shoff at 40, e_shentsize at 58,
            // e_shnum at 60.
            if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            {
                throw new InvalidDataException($"{path} is not an ELF file (no \\x7fELF magic number)");
            }

            if (bytes[4] != 2 || bytes[5] != 1)
            {
                throw new InvalidDataException($"{path} is not a 64-bit little-endian ELF file (EI_CLASS {bytes[4]}, EI_DATA {bytes[5]})");
            }

            var shoff = U64(40);
            var shentsize = U16(58);
            var shnum = U16(60);
            if (shentsize != Elf64ShdrSize || shnum == 0)
            {
                throw Corrupt("no section header table");
            }

            var sections = new List<Section>();
            for (var i = 0; i < shnum; i++)
            {
                // Elf64_Shdr: sh_name 0, sh_type 4, sh_flags 8, sh_addr 16, sh_offset 24, sh_size 32, sh_link 40,
                // sh_info 44, sh_addralign 48, sh_entsize 56.
                var at = Checked(shoff + (ulong)i * Elf64ShdrSize, Elf64ShdrSize);
                sections.Add(new Section(U32(at + 4), U64(at + 24), U64(at + 32), U32(at + 40), U32(at + 44)));
            }

            Section? dynsym = null;
            foreach (var s in sections)
            {
                if (s.Type == ShtDynsym)
                {
                    dynsym = s;
                }
                else if (s.Type == ShtGnuVersym)
                {
                    _versym = s;
                }
                else if (s.Type == ShtGnuVerneed)
                {
                    _verneed = s;
                }
            }

            if (dynsym is null)
            {
                throw new InvalidDataException($"{path} has no .dynsym section (not a dynamically linked library?)");
            }

            _dynsym = dynsym.Value;
            if (_dynsym.Link >= sections.Count)
            {
                throw Corrupt(".dynsym links to no string table");
            }

            _dynstr = sections[(int)_dynsym.Link];

            // Only the sections used here must lie inside the file (.bss, say, has a size but no bytes).
            foreach (var used in new[] { _dynsym, _dynstr, _versym, _verneed })
            {
                if (used is { } u && (u.Offset < 0 || u.Size < 0 || u.Offset > Bytes.Length || u.Size > Bytes.Length - u.Offset))
                {
                    throw Corrupt("a section lies outside the file");
                }
            }
        }

        /// <summary>The whole file; the Set methods edit it.</summary>
        public byte[] Bytes { get; }

        /// <summary>Reads a file.</summary>
        /// <exception cref="InvalidDataException">Not a 64-bit little-endian ELF file with dynamic symbols.</exception>
        public static ElfImage Read(string path) => new ElfImage(File.ReadAllBytes(path), path);

        /// <summary>The .dynsym entries (entry 0, the null symbol, left out).</summary>
        public IEnumerable<ElfSymbol> ReadDynamicSymbols()
        {
            var count = _dynsym.Size / Elf64SymSize;
            for (var i = 1; i < count; i++)
            {
                // Elf64_Sym: st_name 0, st_info 4, st_other 5, st_shndx 6, st_value 8, st_size 16.
                var at = _dynsym.Offset + (long)i * Elf64SymSize;
                yield return new ElfSymbol(i, DynamicString(U32(at)), Bytes[at + 4], U16(at + 6));
            }
        }

        /// <summary>The .gnu.version entry of a symbol: its version index (VER_NDX_GLOBAL 1 when there is no table).</summary>
        public ushort VersionIndex(int symbolIndex) =>
            _versym is Section v ? U16(Checked((ulong)(v.Offset + 2L * symbolIndex), 2)) : VerNdxGlobal;

        /// <summary>Every Elf64_Vernaux of .gnu.version_r, with the file it is needed from.</summary>
        public IEnumerable<ElfVersionNeedAux> ReadVersionNeeds()
        {
            if (!(_verneed is Section section))
            {
                yield break;
            }

            // sh_info is the number of Elf64_Verneed entries; each is vn_version 0, vn_cnt 2, vn_file 4, vn_aux 8,
            // vn_next 12 and heads a chain of vn_cnt Elf64_Vernaux: vna_hash 0, vna_flags 4, vna_other 6,
            // vna_name 8, vna_next 12.
            var at = section.Offset;
            for (var i = 0; i < section.Info; i++)
            {
                Checked((ulong)at, 16);
                var count = U16(at + 2);
                var file = DynamicString(U32(at + 4));
                var aux = at + U32(at + 8);
                for (var j = 0; j < count; j++)
                {
                    Checked((ulong)aux, 16);
                    yield return new ElfVersionNeedAux(aux, file, DynamicString(U32(aux + 8)), U16(aux + 4), U16(aux + 6));
                    aux += U32(aux + 12);
                }

                var next = U32(at + 12);
                if (next == 0)
                {
                    break;
                }

                at += next;
            }
        }

        /// <summary>Sets vna_flags of a .gnu.version_r entry.</summary>
        public void SetVersionNeedFlags(ElfVersionNeedAux entry, ushort flags) => Put16(entry.Offset + 4, flags);

        /// <summary>Sets the .gnu.version entry of a symbol.</summary>
        public void SetVersionIndex(int symbolIndex, ushort versionIndex)
        {
            if (!(_versym is Section v))
            {
                throw Corrupt("no .gnu.version section");
            }

            Put16(Checked((ulong)(v.Offset + 2L * symbolIndex), 2), versionIndex);
        }

        /// <summary>Sets the binding (high four bits of st_info) of a .dynsym entry, keeping its type.</summary>
        public void SetBinding(int symbolIndex, int binding)
        {
            var at = _dynsym.Offset + (long)symbolIndex * Elf64SymSize + 4;
            Bytes[at] = (byte)((binding << 4) | (Bytes[at] & 0xf));
        }

        private string DynamicString(uint offset)
        {
            var start = Checked((ulong)_dynstr.Offset + offset, 1);
            var end = start;
            var limit = _dynstr.Offset + _dynstr.Size;
            while (end < limit && Bytes[end] != 0)
            {
                end++;
            }

            return Encoding.ASCII.GetString(Bytes, (int)start, (int)(end - start));
        }

        private long Checked(ulong offset, ulong length)
        {
            if (offset > (ulong)Bytes.Length || length > (ulong)Bytes.Length - offset)
            {
                throw Corrupt("an offset points past the end of the file");
            }

            return (long)offset;
        }

        private InvalidDataException Corrupt(string what) =>
            new InvalidDataException(string.Format(CultureInfo.InvariantCulture, "{0} is not a readable ELF file: {1}", _path, what));

        private ushort U16(long at) => (ushort)(Bytes[at] | (Bytes[at + 1] << 8));

        private uint U32(long at) => U16(at) | ((uint)U16(at + 2) << 16);

        private ulong U64(long at) => U32(at) | ((ulong)U32(at + 4) << 32);

        private void Put16(long at, ushort value)
        {
            Bytes[at] = (byte)value;
            Bytes[at + 1] = (byte)(value >> 8);
        }

        private readonly struct Section
        {
            public Section(uint type, ulong offset, ulong size, uint link, uint info)
            {
                Type = type;
                Offset = offset > long.MaxValue ? -1 : (long)offset;
                Size = size > long.MaxValue ? -1 : (long)size;
                Link = link;
                Info = info;
            }

            public uint Type { get; }

            public long Offset { get; }

            public long Size { get; }

            public uint Link { get; }

            public uint Info { get; }
        }
    }
}
