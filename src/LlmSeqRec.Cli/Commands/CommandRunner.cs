using LlmSeqRec.Cli.Terminal;
using LlmSeqRec.Data;

namespace LlmSeqRec.Cli.Commands;

/// <summary>Runs a command body and turns expected failures into a one-line message and an exit code.</summary>
internal static class CommandRunner
{
    /// <summary>Exit code for bad input or arguments.</summary>
    public const int BadInput = 2;

    public static async Task<int> RunAsync(ConsoleReporter reporter, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is DatasetFormatException or DatasetValidationException or ArgumentException)
        {
            reporter.Error(e.Message);
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            reporter.Error("cancelled");
            return 130;
        }
    }
}
