using System.Text.Json;
using LlmSeqRec.Pipeline.Artifacts;
using LlmSeqRec.Pipeline.Jobs;
using LlmSeqRec.Pipeline.Specification;
using LlmSeqRec.Reporting;
using Microsoft.DurableTask;

namespace LlmSeqRec.Pipeline.Activities;

/// <summary>Input of <see cref="PromoteChampionActivity"/>.</summary>
public sealed record PromotionInput(string RunId, DatasetRef Dataset, PromotionGate Gate, IReadOnlyList<ModelOutcome> Models);

/// <summary>The champion of a dataset, stored as <c>champions/{dataset}.json</c>.</summary>
/// <param name="RunId">The run that promoted it.</param>
/// <param name="Model">The model's slug.</param>
/// <param name="ResultHash">Its result (and, for neural models, its trained artifact) in the store.</param>
/// <param name="DatasetHash">The dataset version it was scored on.</param>
/// <param name="Metric">The gate metric.</param>
/// <param name="Score">Its score on the gate metric.</param>
/// <param name="ArtifactUrl">The trained model artifact, for neural models.</param>
/// <param name="PromotedAt">When it was promoted.</param>
public sealed record Champion(string RunId, string Model, string ResultHash, string DatasetHash, string Metric, double Score, string? ArtifactUrl, DateTimeOffset PromotedAt);

/// <summary>
/// Stage "promote": the run's best model on the gate metric becomes the dataset's champion only if it beats the
/// current champion by the gate's margin (or there is none). The champion record is replaced with an optimistic
/// concurrency check, so two runs finishing together cannot both win on stale data; a re-delivered activity
/// recognises its own promotion.
/// </summary>
public sealed class PromoteChampionActivity(PipelineStorage storage) : TaskActivity<PromotionInput, PromotionDecision>
{
    /// <inheritdoc />
    public override async Task<PromotionDecision> RunAsync(TaskActivityContext context, PromotionInput input)
    {
        var metric = input.Gate.Metric;
        var best = input.Models
            .Where(m => m.Result is not null && m.Result.Metrics.ContainsKey(metric))
            .OrderByDescending(m => m.Result!.Metrics[metric])
            .ThenBy(m => m.Slug, StringComparer.Ordinal)
            .FirstOrDefault();
        if (best?.Result is not { } candidate)
        {
            return new PromotionDecision(false, metric, "", double.NaN, null, input.Gate.Margin, "no model of the run has a score: nothing to promote");
        }

        var score = candidate.Metrics[metric];
        var path = ArtifactLayout.Champion(input.Dataset.Name);
        while (true)
        {
            var current = await storage.Store.ReadVersionedAsync(path).ConfigureAwait(false);
            var champion = current is null ? null : JsonSerializer.Deserialize<Champion>(current.Text, PipelineStorage.JsonOptions);
            if (champion is not null && champion.RunId == input.RunId && champion.Model == candidate.Slug)
            {
                return Promoted(champion.Score, "promoted (recorded by an earlier delivery of this step)");
            }

            if (champion is not null && champion.Metric != metric)
            {
                return new PromotionDecision(false, metric, candidate.Slug, score, null, input.Gate.Margin,
                    $"the champion ({champion.Model} of run {champion.RunId}) was chosen on {champion.Metric}, not {metric}: not comparable, not promoted");
            }

            if (champion is not null && score < champion.Score + input.Gate.Margin)
            {
                return new PromotionDecision(false, metric, candidate.Slug, score, champion.Score, input.Gate.Margin,
                    $"{candidate.Slug} scores {score:F4}, not above the champion's {champion.Score:F4} (run {champion.RunId}, {champion.Model}) by {input.Gate.Margin:F4}: kept, not promoted");
            }

            var record = new Champion(input.RunId, candidate.Slug, candidate.ResultHash, candidate.DatasetHash, metric, score, candidate.ArtifactUrl, DateTimeOffset.UtcNow);
            if (await storage.Store.TryReplaceTextAsync(path, JsonSerializer.Serialize(record, PipelineStorage.JsonOptions), current?.Version).ConfigureAwait(false))
            {
                return Promoted(champion?.Score, champion is null
                    ? $"{candidate.Slug} ({score:F4}) is the first champion of {input.Dataset.Name}"
                    : $"{candidate.Slug} ({score:F4}) beats the champion's {champion.Score:F4} by at least {input.Gate.Margin:F4}: promoted");
            }

            // Another run replaced the champion meanwhile: decide again against the new one.
        }

        PromotionDecision Promoted(double? championScore, string reason) =>
            new(true, metric, candidate.Slug, score, championScore, input.Gate.Margin, reason);
    }
}
