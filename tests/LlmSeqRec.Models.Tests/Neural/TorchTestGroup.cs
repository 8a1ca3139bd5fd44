namespace LlmSeqRec.Models.Tests.Neural;

/// <summary>
/// Tests that seed or draw from libtorch's global generator: run one at a time, so that a parallel test cannot
/// move the generator under another (training is deterministic per seed only without concurrent torch draws).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchTestGroup
{
    public const string Name = "libtorch global generator";
}
