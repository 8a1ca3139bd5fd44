using LlmSeqRec.Data;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Evaluation.Tests;

/// <summary>
/// The Beauty dataset, ingested once per test class. Loading is lazy so that, when the shared data is absent,
/// the fixture does not fail and the <see cref="SharedDataFactAttribute"/> tests are reported as skipped.
/// </summary>
public sealed class BeautyFixture
{
    private readonly Lazy<PreparedDataset> _dataset = new(() => DatasetLoader.Load(TestPaths.Beauty));
    private readonly Lazy<MetricContext> _context;

    public BeautyFixture() => _context = new(() => MetricContext.For(Dataset));

    /// <summary>The dataset, ingested with the paper's defaults.</summary>
    public PreparedDataset Dataset => _dataset.Value;

    /// <summary>Its metric context.</summary>
    public MetricContext Context => _context.Value;
}
