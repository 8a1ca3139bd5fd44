using LlmSeqRec.Reporting;
using Microsoft.DurableTask;

namespace LlmSeqRec.Pipeline.Orchestration;

/// <summary>Times the stages of a run with the orchestration's replay-safe clock.</summary>
internal sealed class StageClock(TaskOrchestrationContext context)
{
    private readonly List<StageTiming> _finished = [];
    private (string Stage, DateTime Start)? _current;

    /// <summary>When the run started.</summary>
    public DateTime StartedAt { get; } = context.CurrentUtcDateTime;

    /// <summary>The stages finished so far.</summary>
    public IReadOnlyList<StageTiming> Finished => _finished.ToArray();

    /// <summary>The finished stages and the current one up to now.</summary>
    public IReadOnlyList<StageTiming> SoFar => _current is { } current
        ? [.. _finished, new StageTiming(current.Stage, (context.CurrentUtcDateTime - current.Start).TotalSeconds)]
        : Finished;

    /// <summary>Ends the current stage and starts <paramref name="stage"/>, reporting it to <paramref name="progress"/>.</summary>
    public void Start(string stage, PipelineProgress progress)
    {
        var now = context.CurrentUtcDateTime;
        if (_current is { } current)
        {
            _finished.Add(new StageTiming(current.Stage, (now - current.Start).TotalSeconds));
        }

        _current = (stage, now);
        progress.Enter(stage);
    }
}
