using TorchSharp;

namespace LlmSeqRec.Tensors.Tests;

[Collection(TorchProcessState.Name)]
public sealed class DeviceSelectionTests
{
    [Theory]
    [InlineData("cpu")]
    [InlineData(" CPU ")]
    public void Cpu_setting_gives_the_cpu(string setting)
    {
        var selection = TorchRuntime.SelectDevice(setting);

        Assert.Equal(DeviceType.CPU, selection.Device.type);
        Assert.False(selection.FellBack);
        Assert.Equal(setting, selection.Setting);
    }

    [Fact]
    public void Auto_takes_cuda_when_there_is_one_and_the_cpu_otherwise_without_a_fallback_note()
    {
        var selection = TorchRuntime.SelectDevice("auto");

        Assert.Equal(TorchRuntime.CudaAvailable ? DeviceType.CUDA : DeviceType.CPU, selection.Device.type);
        Assert.Null(selection.FallbackReason);
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:0")]
    [InlineData("CUDA:1")]
    public void Cuda_without_cuda_falls_back_to_the_cpu_and_says_why(string setting)
    {
        if (TorchRuntime.CudaAvailable)
        {
            return; // A CUDA machine: the fallback cannot happen there (device counts are not faked).
        }

        var selection = TorchRuntime.SelectDevice(setting);

        Assert.Equal(DeviceType.CPU, selection.Device.type);
        Assert.True(selection.FellBack);
        Assert.Contains($"device '{setting}'", selection.FallbackReason, StringComparison.Ordinal);
        Assert.Contains("CPU libtorch natives only", selection.FallbackReason, StringComparison.Ordinal);
        Assert.EndsWith("using the CPU.", selection.FallbackReason, StringComparison.Ordinal);

        // The fallback device really works.
        using var tensor = torch.ones(3, device: selection.Device);
        Assert.Equal(3f, tensor.sum().item<float>());
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    public void Unknown_settings_are_refused_with_the_valid_ones_named(string setting)
    {
        var error = Assert.Throws<ArgumentException>(() => TorchRuntime.SelectDevice(setting));

        Assert.Contains("cpu, cuda, cuda:N, auto", error.Message, StringComparison.Ordinal);
    }
}
