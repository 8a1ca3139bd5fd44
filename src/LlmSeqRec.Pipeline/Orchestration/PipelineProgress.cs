using Microsoft.DurableTask;

namespace LlmSeqRec.Pipeline.Orchestration;

/// <summary>Keeps a run's <see cref="PipelineStatus"/> and publishes it as the orchestration's custom status.</summary>
internal sealed class PipelineProgress
{
    private readonly TaskOrchestrationContext _context;
    private readonly Dictionary<string, string> _models;
    private readonly Dictionary<string, string> _links = new(StringComparer.Ordinal);
    private string _stage = PipelineStages.Ingest;
    private int _percent;

    public PipelineProgress(TaskOrchestrationContext context, IEnumerable<string> models)
    {
        _context = context;
        _models = models.ToDictionary(m => m, _ => "pending", StringComparer.Ordinal);
    }

    /// <summary>Enters <paramref name="stage"/>.</summary>
    public void Enter(string stage)
    {
        _stage = stage;
        _percent = PipelineStages.StartPercent(stage);
        Publish();
    }

    /// <summary>Moves the percentage within the current stage (<paramref name="fraction"/> of the way to the next).</summary>
    public void Within(double fraction)
    {
        var start = PipelineStages.StartPercent(_stage);
        var end = PipelineStages.EndPercent(_stage);
        _percent = start + (int)Math.Floor((end - start) * Math.Clamp(fraction, 0, 1));
        Publish();
    }

    /// <summary>Sets a model's state.</summary>
    public void Model(string slug, string state)
    {
        _models[slug] = state;
        Publish();
    }

    /// <summary>Adds a link to an artifact.</summary>
    public void Link(string name, string url)
    {
        _links[name] = url;
        Publish();
    }

    private void Publish() => _context.SetCustomStatus(new PipelineStatus(_stage, _percent, new Dictionary<string, string>(_models), new Dictionary<string, string>(_links)));
}
