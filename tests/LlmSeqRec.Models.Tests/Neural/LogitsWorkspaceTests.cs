using LlmSeqRec.Models.Neural;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Tests.Neural;

public class LogitsWorkspaceTests
{
    [Fact]
    public void A_smaller_matrix_reuses_the_buffer_and_a_larger_one_grows_it()
    {
        using var workspace = new LogitsWorkspace();
        using var first = workspace.Matrix(3, 4, ScalarType.Float32, CPU);
        first.fill_(7);

        using var smaller = workspace.Matrix(2, 4, ScalarType.Float32, CPU);
        Assert.Equal([2L, 4L], smaller.shape);
        Assert.True(smaller.eq(7).all().item<bool>(), "the smaller view is not the same storage");

        using var larger = workspace.Matrix(5, 4, ScalarType.Float32, CPU);
        Assert.Equal([5L, 4L], larger.shape);
        larger.fill_(1);
        Assert.True(first.eq(7).all().item<bool>(), "the grown buffer overwrote the old one's views");

        using var doubles = workspace.Matrix(2, 2, ScalarType.Float64, CPU);
        Assert.Equal(ScalarType.Float64, doubles.dtype);
    }

    [Fact]
    public void The_buffer_outlives_the_dispose_scope_it_was_made_in()
    {
        using var workspace = new LogitsWorkspace();
        using (NewDisposeScope())
        {
            workspace.Matrix(2, 3, ScalarType.Float32, CPU).fill_(3);
        }

        using var again = workspace.Matrix(2, 3, ScalarType.Float32, CPU);
        Assert.True(again.eq(3).all().item<bool>());
    }

    [Fact]
    public void A_disposed_workspace_refuses_to_hand_out_buffers()
    {
        var workspace = new LogitsWorkspace();
        workspace.Matrix(2, 3, ScalarType.Float32, CPU).Dispose();
        workspace.Dispose();

        Assert.Throws<ObjectDisposedException>(() => workspace.Matrix(2, 3, ScalarType.Float32, CPU));
    }
}
