namespace LlmSeqRec.Models.Tests.Neural;

/// <summary>
/// Tests that seed libtorch's process-wide generator and rely on its sequence (initialisation, dropout) run alone:
/// another test drawing from it in parallel would change their numbers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchRandomness
{
    public const string Name = "libtorch global generator";
}
