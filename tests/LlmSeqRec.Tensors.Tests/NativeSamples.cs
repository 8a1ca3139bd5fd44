namespace LlmSeqRec.Tensors.Tests;

/// <summary>The native libraries the tests read: the build output's copies and the package's own library.</summary>
internal static class NativeSamples
{
    /// <summary>The natives folder of this test project's build output.</summary>
    public static string OutputNativeFolder => Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");

    /// <summary>libLibTorchSharp.so as the build left it in the output (patched where this system needs it).</summary>
    public static string OutputLibTorchSharp => Path.Combine(OutputNativeFolder, "libLibTorchSharp.so");

    /// <summary>libc10.so from the output: a library that never needed GLIBCXX_3.4.32.</summary>
    public static string OutputC10 => Path.Combine(OutputNativeFolder, "libc10.so");

    /// <summary>The TorchSharp package's libLibTorchSharp.so, unpatched, copied beside the tests by the csproj.</summary>
    public static string PackageLibTorchSharp => Path.Combine(AppContext.BaseDirectory, "ElfSamples", "libLibTorchSharp.package.so");
}
