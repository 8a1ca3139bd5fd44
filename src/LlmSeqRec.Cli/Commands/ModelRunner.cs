using System.Diagnostics;
using LlmSeqRec.Cli.Output;
using LlmSeqRec.Cli.Terminal;
using LlmSeqRec.Data;
using LlmSeqRec.Evaluation;
using LlmSeqRec.Models;

namespace LlmSeqRec.Cli.Commands;

/// <summary>Fits a model and evaluates it with progress bars, for the commands that run models.</summary>
internal static class ModelRunner
{
    /// <summary>Fits a model and evaluates it, with progress, returning the scores and the timings.</summary>
    public static async Task<ModelResult> FitAndEvaluateAsync(
        ConsoleReporter reporter, IRecommender model, TrainingSet training, IReadOnlyList<EvaluationCase> cases, Evaluator evaluator, CancellationToken cancellationToken)
    {
        return await reporter.Progress(model.Name, async progress =>
        {
            var clock = Stopwatch.StartNew();
            await model.FitAsync(training, new SynchronousProgress<FitProgress>(p => progress.Report(($"{model.Name}: fit {p.Stage}", p.Fraction ?? 0))), cancellationToken);
            var fitSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var scores = evaluator.Run(model, cases, progress: new SynchronousProgress<double>(f => progress.Report(($"{model.Name}: evaluate", f))), cancellationToken: cancellationToken);
            return new ModelResult(model.Name, scores, fitSeconds, clock.Elapsed.TotalSeconds);
        });
    }
}
