namespace LlmSeqRec.Tensors.Tests;

/// <summary>
/// Tests that use libtorch's process-wide state (seed, thread count) run in this collection, one at a time, so that
/// one test's random draws never land between another's seeding and its draws.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchProcessState
{
    public const string Name = "torch process state";
}
