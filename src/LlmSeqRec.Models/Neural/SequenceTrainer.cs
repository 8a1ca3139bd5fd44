using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// Trains a <see cref="SequenceModule"/> the way the papers' Keras code does: Keras' AdamW (<see cref="KerasAdamW"/>:
/// epsilon 1e-7, decoupled weight decay on all parameters), per-tensor gradient clipping by norm (Keras clipnorm), shuffled batches, an
/// inner validation set (a seeded sample of the train sequences, held out) and early stopping on its NDCG@20 with
/// best weights restored. After every epoch a checkpoint goes to the store; a run with a checkpoint of the same
/// run key resumes after its last epoch and ends as the uninterrupted run would (each epoch's shuffling and dropout
/// are seeded from the seed and the epoch number).
/// </summary>
/// <param name="options">Optimiser and early-stopping settings.</param>
/// <param name="device">Where the model lives.</param>
/// <param name="checkpoints">Where checkpoints go; null for none.</param>
public sealed class SequenceTrainer(TrainingOptions options, Device device, ICheckpointStore? checkpoints = null)
{
    private const int ProgressSteps = 20;

    /// <summary>
    /// Trains <paramref name="model"/> on <paramref name="sequences"/> (model ids in time order; sequences under 2
    /// items teach nothing and are skipped) and leaves it with the best weights, in evaluation mode.
    /// </summary>
    /// <param name="model">A freshly initialised model (or one to be overwritten by a checkpoint).</param>
    /// <param name="sequences">The train sequences.</param>
    /// <param name="length">Window length N.</param>
    /// <param name="maskId">The padding id.</param>
    /// <param name="runKey">Identifies model, settings and data: a stored checkpoint with another key is an error.</param>
    /// <param name="progress">Per-step fractions and per-epoch summaries (in <see cref="FitProgress.Detail"/>).</param>
    /// <param name="cancellationToken">Checked between steps; a checkpoint written before is kept.</param>
    public async Task<TrainingOutcome> TrainAsync(
        SequenceModule model, IReadOnlyList<int[]> sequences, int length, int maskId, string runKey,
        IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sequences);
        options.Validate();
        var (train, validationSequences) = Split(sequences);
        var validation = new InnerValidation(validationSequences, length, maskId);
        using var optimizer = new KerasAdamW(model.parameters(), options.LearningRate, options.WeightDecay, options.AdamEpsilon);

        var history = new List<EpochSummary>();
        var (epoch, bestScore, bestEpoch, finished) = (0, double.NegativeInfinity, 0, false);
        byte[]? bestWeights = null;
        if (checkpoints is not null && await checkpoints.LoadAsync(cancellationToken).ConfigureAwait(false) is { } checkpoint)
        {
            if (checkpoint.RunKey != runKey)
            {
                throw new ArgumentException($"the checkpoint store holds a checkpoint of another run ({checkpoint.RunKey}); this run is {runKey}. Use an empty checkpoint folder.");
            }

            Load(model, checkpoint.Weights);
            using (var reader = new BinaryReader(new MemoryStream(checkpoint.OptimizerState)))
            {
                optimizer.Load(reader);
            }

            (epoch, bestScore, bestEpoch, finished, bestWeights) = (checkpoint.Epoch, checkpoint.BestScore, checkpoint.BestEpoch, checkpoint.Finished, checkpoint.BestWeights);
            history.AddRange(checkpoint.History);
            progress?.Report(new FitProgress("resume", null, $"resuming after epoch {epoch} (best NDCG@20 {bestScore:F4} at epoch {bestEpoch})"));
        }

        var resumedFrom = epoch;
        var parameters = model.parameters().ToArray();
        while (!finished && epoch < options.MaxEpochs)
        {
            epoch++;
            var clock = Stopwatch.StartNew();
            var loss = RunEpoch(model, optimizer, parameters, train, length, maskId, epoch, progress, cancellationToken);
            var seconds = clock.Elapsed.TotalSeconds;
            var score = validation.Ndcg(model, 1000, device);
            var improved = validation.Count > 0 && score > bestScore;
            if (improved)
            {
                (bestScore, bestEpoch, bestWeights) = (score, epoch, Save(model));
            }

            finished = epoch >= options.MaxEpochs || (validation.Count > 0 && epoch - bestEpoch >= options.Patience);
            var summary = new EpochSummary(epoch, loss, score, seconds, train.Count * model.TrainingExamples.CopiesPerSequence / Math.Max(seconds, 1e-9), improved);
            history.Add(summary);
            if (checkpoints is not null)
            {
                await checkpoints.SaveAsync(
                    new TrainingCheckpoint(runKey, epoch, bestScore, bestEpoch, finished, [.. history], Save(model), bestWeights ?? [], SaveOptimizer(optimizer)),
                    CancellationToken.None).ConfigureAwait(false);
            }

            progress?.Report(new FitProgress("train", (double)epoch / options.MaxEpochs, summary.ToString()));
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (bestWeights is { Length: > 0 })
        {
            Load(model, bestWeights);
        }
        else
        {
            bestEpoch = epoch;
        }

        model.eval();
        return new TrainingOutcome(history, bestEpoch, bestScore, resumedFrom, train.Count, validation.Count);
    }

    /// <summary>The model's parameters in TorchSharp's module format.</summary>
    public static byte[] Save(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var stream = new MemoryStream();
        model.save(stream);
        return stream.ToArray();
    }

    /// <summary>Copies parameters saved by <see cref="Save"/> into <paramref name="model"/>.</summary>
    public static void Load(nn.Module model, byte[] weights)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var stream = new MemoryStream(weights);
        model.load(stream);
    }

    /// <summary>A seed for epoch <paramref name="epoch"/> (shuffling and dropout), from the run's seed.</summary>
    public static long EpochSeed(int seed, int epoch) => unchecked((seed * 1_000_003L) + epoch);

    private (List<int[]> Train, List<int[]> Validation) Split(IReadOnlyList<int[]> sequences)
    {
        var usable = Enumerable.Range(0, sequences.Count).Where(i => sequences[i].Length >= 2).ToArray();
        var held = Math.Min(options.MaxValidationSessions, (int)(options.ValidationFraction * sequences.Count));
        new Random(options.Seed).Shuffle(usable);
        var validation = usable.Take(held).Order().ToHashSet();
        return (usable.Where(i => !validation.Contains(i)).Order().Select(i => sequences[i]).ToList(),
                validation.Order().Select(i => sequences[i]).ToList());
    }

    private double RunEpoch(
        SequenceModule model, KerasAdamW optimizer, Parameter[] parameters, List<int[]> train, int length, int maskId, int epoch,
        IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        var epochSeed = EpochSeed(options.Seed, epoch);
        torch.manual_seed(epochSeed);
        var examples = model.TrainingExamples;
        var count = train.Count * examples.CopiesPerSequence;
        var order = Enumerable.Range(0, count).ToArray();
        var random = new Random(unchecked((int)epochSeed));
        random.Shuffle(order);
        model.train();
        var steps = (count + options.BatchSize - 1) / options.BatchSize;
        var lossSum = 0.0;
        var stage = string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}");
        for (var step = 0; step < steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var start = step * options.BatchSize;
            var batch = examples.Create(train, order.AsSpan(start, Math.Min(options.BatchSize, count - start)), length, maskId, random);
            if (batch.Targets.Length == 0)
            {
                continue;
            }

            optimizer.ZeroGrad();
            var loss = model.LossBackward(
                tensor(batch.Inputs, [batch.Size, batch.Length], device: device),
                tensor(batch.TargetPositions, device: device),
                tensor(batch.Targets, device: device));
            if (options.ClipNorm is { } clip)
            {
                GradientClipping.PerTensor(parameters, clip);
            }

            optimizer.Step();
            lossSum += loss;
            if (progress is not null && (step + 1) % Math.Max(1, steps / ProgressSteps) == 0)
            {
                progress.Report(new FitProgress(stage, (double)(step + 1) / steps));
            }
        }

        return lossSum / Math.Max(steps, 1);
    }

    private static byte[] SaveOptimizer(KerasAdamW optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            optimizer.Save(writer);
        }

        return stream.ToArray();
    }
}
