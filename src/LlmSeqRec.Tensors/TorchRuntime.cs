using System.Globalization;
using System.Runtime.InteropServices;
using TorchSharp;

namespace LlmSeqRec.Tensors;

/// <summary>
/// Process-wide TorchSharp set-up: a one-time load of the native libraries with a clear error, the thread count,
/// the device from a "cpu" | "cuda" | "cuda:N" | "auto" setting, and seeding.
/// </summary>
/// <remarks>
/// All members load the natives first (<see cref="EnsureLoaded"/>). The thread count and the seed are global to the
/// process, as in libtorch.
/// </remarks>
public static class TorchRuntime
{
    private const string NativeLibraryName = "libLibTorchSharp.so";

    private static readonly Lazy<string?> LoadFailure = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Loads libtorch and TorchSharp's native glue once per process. Later calls return at once (or throw the same
    /// error again).
    /// </summary>
    /// <exception cref="TorchLoadException">The natives did not load; the message names the library and what to do.</exception>
    public static void EnsureLoaded()
    {
        if (LoadFailure.Value is { } message)
        {
            throw new TorchLoadException(message);
        }
    }

    /// <summary>Whether a CUDA device can be used (false with the CPU natives this solution references by default).</summary>
    public static bool CudaAvailable
    {
        get
        {
            EnsureLoaded();
            return torch.cuda.is_available();
        }
    }

    /// <summary>The number of threads libtorch uses for intra-op parallelism (matmul, reductions).</summary>
    public static int Threads
    {
        get
        {
            EnsureLoaded();
            return torch.get_num_threads();
        }
    }

    /// <summary>Sets the number of threads libtorch uses for intra-op parallelism (torch.set_num_threads).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is below 1.</exception>
    public static void SetThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        EnsureLoaded();
        torch.set_num_threads(threads);
    }

    /// <summary>
    /// Resolves a device setting: "cpu"; "cuda" or "cuda:N" (CPU, with <see cref="DeviceSelection.FallbackReason"/>
    /// set, when CUDA is not available); "auto" (CUDA when available, else CPU). Case and surrounding spaces are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">The setting is none of those.</exception>
    public static DeviceSelection SelectDevice(string setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var normalized = setting.Trim().ToLowerInvariant();
        if (normalized == "cpu")
        {
            EnsureLoaded();
            return new DeviceSelection(torch.CPU, setting, null);
        }

        if (normalized == "auto")
        {
            return new DeviceSelection(CudaAvailable ? torch.CUDA : torch.CPU, setting, null);
        }

        if (TryParseCuda(normalized, out var index))
        {
            if (!CudaAvailable)
            {
                return new DeviceSelection(torch.CPU, setting, $"CUDA was asked for (device '{setting}') but {WhyNoCuda()}; using the CPU.");
            }

            var count = torch.cuda.device_count();
            if (index >= count)
            {
                return new DeviceSelection(torch.CPU, setting,
                    $"CUDA device {index} was asked for (device '{setting}') but only {count} CUDA device(s) are visible; using the CPU.");
            }

            return new DeviceSelection(new torch.Device(DeviceType.CUDA, index), setting, null);
        }

        throw new ArgumentException($"Device setting '{setting}' is not one of cpu, cuda, cuda:N, auto.", nameof(setting));
    }

    /// <summary>
    /// Seeds libtorch's default generators (CPU, and every CUDA device when there is one). With the same seed, thread
    /// count and device, a sequence of torch operations gives the same numbers again within a process.
    /// </summary>
    public static void Seed(long seed)
    {
        EnsureLoaded();
        torch.manual_seed(seed);
        if (torch.cuda.is_available())
        {
            torch.cuda.manual_seed_all(seed);
        }
    }

    // "cuda" is device 0; "cuda:N" is device N.
    private static bool TryParseCuda(string normalized, out int index)
    {
        index = 0;
        return normalized == "cuda"
            || (normalized.StartsWith("cuda:", StringComparison.Ordinal)
                && int.TryParse(normalized.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out index));
    }

    private static string WhyNoCuda()
    {
        if (NativeLibrary.TryLoad("torch_cuda", typeof(torch).Assembly, null, out var handle))
        {
            NativeLibrary.Free(handle);
            return "torch.cuda.is_available() is false (no CUDA device or driver is visible)";
        }

        return "this build has the CPU libtorch natives only (no libtorch_cuda: reference a libtorch-cuda package instead of libtorch-cpu-linux-x64)";
    }

    // Returns null when the natives are loaded, else the message for TorchLoadException.
    private static string? TryLoad()
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            return null;
        }
        catch (Exception e) when (e is NotSupportedException or DllNotFoundException or TypeInitializationException
                                      or EntryPointNotFoundException or BadImageFormatException)
        {
            return LoadFailureMessage(e);
        }
    }

    // The runtime lists every name it tried; the lines that are not "No such file" are the loader's real reason
    // (e.g. "libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by .../libLibTorchSharp.so)").
    private static string LoaderReason(string message)
    {
        var reasons = message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.Contains(".so", StringComparison.Ordinal)
                           && !line.EndsWith("No such file or directory", StringComparison.Ordinal))
            .ToArray();
        return reasons.Length > 0 ? string.Join(Environment.NewLine, reasons) : message;
    }

    private static string LoadFailureMessage(Exception failure)
    {
        // TorchSharp's own message lists the paths it tried but not the loader's reason; asking the loader again for
        // the same library by the same rules gives that reason (dlerror text: missing file, missing version, ...).
        string loaderSays;
        try
        {
            NativeLibrary.Free(NativeLibrary.Load("LibTorchSharp", typeof(torch).Assembly, null));
            loaderSays = failure.Message;
        }
        catch (DllNotFoundException e)
        {
            loaderSays = LoaderReason(e.Message);
        }

        var whatToDo = loaderSays.Contains("GLIBCXX_", StringComparison.Ordinal)
            ? $"The system libstdc++ is older than the one {NativeLibraryName} was built against. The build patches the copy of " +
              $"{NativeLibraryName} in each output folder (build/TorchSharpNativeCompat.targets, property TorchSharpNativeCompat): " +
              "rebuild the project (or build with -p:TorchSharpNativeCompat=always if it was built on a newer system), " +
              "or run on a system with GCC 13's libstdc++ or newer."
            : !OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64
                ? $"This solution references the libtorch natives for linux-x64 only; this process is {RuntimeInformation.RuntimeIdentifier}."
                : $"The output folder must hold runtimes/linux-x64/native/{NativeLibraryName} and libtorch_cpu.so: reference " +
                  "LlmSeqRec.Tensors (or the TorchSharp and libtorch-cpu-linux-x64 packages) from the project that runs, and rebuild.";

        return $"TorchSharp could not load its native library {NativeLibraryName} (with libtorch 2.10 from libtorch-cpu-linux-x64). " +
               $"{whatToDo}{Environment.NewLine}Loader: {loaderSays}";
    }
}
