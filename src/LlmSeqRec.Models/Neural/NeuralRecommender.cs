using System.Globalization;
using LlmSeqRec.Data;
using LlmSeqRec.Data.Artifacts;
using LlmSeqRec.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace LlmSeqRec.Models.Neural;

/// <summary>
/// A neural sequential model behind <see cref="IRecommender"/>: fitting builds the item vocabulary of the train
/// sessions, seeds libtorch, creates the module (then the optional initial embedding rows, for LLM2X) and trains
/// it with <see cref="SequenceTrainer"/>; recommending scores batches of prompts (their last N known items),
/// filters the window's items and takes the top k.
/// </summary>
public sealed class NeuralRecommender : IRecommender, IDisposable
{
    private readonly NeuralModelSpec _spec;
    private readonly Func<int, SequenceModule> _createModule;
    private readonly IItemEmbeddingInitializer? _initializer;
    private readonly ICheckpointStore? _checkpoints;
    private SequenceModule? _module;
    private ItemVocabulary? _vocabulary;
    private Device? _device;

    /// <param name="spec">Name, window, training options, device, filtering.</param>
    /// <param name="createModule">A freshly initialised module for a vocabulary of the given size (called right after seeding).</param>
    /// <param name="initializer">Initial item-embedding rows (LLM2X); null to keep the module's random ones.</param>
    /// <param name="checkpoints">Where training checkpoints go (and are resumed from); null for none.</param>
    public NeuralRecommender(NeuralModelSpec spec, Func<int, SequenceModule> createModule, IItemEmbeddingInitializer? initializer = null, ICheckpointStore? checkpoints = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(createModule);
        _spec = spec;
        _createModule = createModule;
        _initializer = initializer;
        _checkpoints = checkpoints;
    }

    /// <inheritdoc />
    public string Name => _spec.Name;

    /// <summary>The settings.</summary>
    public NeuralModelSpec Spec => _spec;

    /// <summary>The trained module (after fitting).</summary>
    public SequenceModule? Module => _module;

    /// <summary>The item ids of the trained module (after fitting).</summary>
    public ItemVocabulary? Vocabulary => _vocabulary;

    /// <summary>The training run of the last fit: epochs, best epoch and score.</summary>
    public TrainingOutcome? Outcome { get; private set; }

    /// <summary>The initial item-embedding rows of the last fit (null without an initializer); for checks.</summary>
    public float[]? InitialItemRows { get; private set; }

    /// <inheritdoc />
    public async Task FitAsync(TrainingSet training, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        TorchRuntime.EnsureLoaded();
        var device = TorchRuntime.SelectDevice(_spec.Device);
        if (device.FallbackReason is { } reason)
        {
            progress?.Report(new FitProgress("device", null, reason));
        }

        var vocabulary = ItemVocabulary.FromTraining(training);
        var sequences = Enumerable.Range(0, training.SessionCount).Select(s => vocabulary.Map(training.ItemsOf(s))).ToArray();
        float[]? rows = null;

        _module?.Dispose();
        TorchRuntime.Seed(_spec.Training.Seed);
        var module = _createModule(vocabulary.Count);
        try
        {
            var embeddingDim = (int)module.ItemEmbeddings.shape[1];
            if (_initializer is not null)
            {
                rows = await _initializer.RowsAsync(vocabulary, training, embeddingDim, progress, cancellationToken).ConfigureAwait(false);
                using var _ = no_grad();
                module.ItemEmbeddings.narrow(0, 0, vocabulary.Count).copy_(tensor(rows, [vocabulary.Count, embeddingDim]));
            }

            module.to(device.Device);
            var trainer = new SequenceTrainer(_spec.Training, device.Device, _checkpoints);
            Outcome = await trainer.TrainAsync(module, sequences, _spec.MaxLength, vocabulary.MaskId, RunKey(vocabulary, sequences), progress, cancellationToken)
                .ConfigureAwait(false);
        }
        catch
        {
            module.Dispose();
            throw;
        }

        (_module, _vocabulary, _device, InitialItemRows) = (module, vocabulary, device.Device, rows);
    }

    /// <inheritdoc />
    public IReadOnlyList<int[]> Recommend(IReadOnlyList<int[]> prompts, int topK, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var (module, vocabulary, device) = (_module, _vocabulary, _device) is ({ } m, { } v, { } d) ? (m, v, d) : throw new InvalidOperationException("call FitAsync before Recommend");
        var k = Math.Min(topK, vocabulary.Count);
        var result = new int[prompts.Count][];
        var ids = prompts.Select(p => vocabulary.Map(p)).ToArray();
        module.eval();
        using var _ = no_grad();
        for (var start = 0; start < prompts.Count; start += _spec.PredictionBatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var count = Math.Min(_spec.PredictionBatchSize, prompts.Count - start);
            var inputs = tensor(SequenceWindow.Inputs(ids, start, count, _spec.MaxLength, vocabulary.MaskId), [count, _spec.MaxLength], device: device);
            var scores = module.ScoreNext(inputs);
            if (_spec.FilterPromptItems)
            {
                scores = PromptItemFilter.Apply(scores, inputs);
            }

            var (values, indexes) = scores.topk(k, 1);
            var top = indexes.cpu().data<long>().ToArray();
            var finite = values.isfinite().cpu().data<bool>().ToArray();
            for (var i = 0; i < count; i++)
            {
                var items = new List<int>(k);
                for (var j = i * k; j < (i + 1) * k; j++)
                {
                    if (finite[j])
                    {
                        items.Add(vocabulary.CatalogItems[(int)top[j]]);
                    }
                }

                result[start + i] = [.. items];
            }
        }

        return result;
    }

    /// <summary>
    /// Writes the trained model to <paramref name="folder"/> (<see cref="NeuralModelArtifact"/>: manifest and
    /// weights, atomically). The weights are the ones in use: the best epoch's after training.
    /// </summary>
    public WriteOutcome Save(string folder, Catalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var (module, vocabulary) = (_module, _vocabulary) is ({ } m, { } v) ? (m, v) : throw new InvalidOperationException("call FitAsync before Save");
        var outcome = Outcome;
        var artifact = new NeuralModelArtifact(
            NeuralModelArtifact.CurrentFormat, _spec.Name, _spec.Description, _spec.Training.Seed,
            [.. vocabulary.CatalogItems.Select(item => catalog.Ids[item])],
            outcome?.BestEpoch ?? 0, outcome?.BestScore ?? double.NaN, outcome?.History ?? []);
        return artifact.Write(folder, SequenceTrainer.Save(module));
    }

    /// <summary>
    /// Loads a model written by <see cref="Save"/> instead of training one: this recommender must have the same model
    /// and settings, and <paramref name="catalog"/> must contain the model's items. Afterwards it recommends as if fitted.
    /// </summary>
    /// <exception cref="ArgumentException">The artifact is another model or was trained with other settings.</exception>
    public NeuralModelArtifact Load(string folder, Catalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var (artifact, weights) = NeuralModelArtifact.Read(folder);
        if (artifact.Model != _spec.Name || artifact.Description != _spec.Description)
        {
            throw new ArgumentException(
                $"{folder} holds {artifact.Model} trained with {artifact.Description}; this model is {_spec.Name} with {_spec.Description}");
        }

        TorchRuntime.EnsureLoaded();
        var device = TorchRuntime.SelectDevice(_spec.Device);
        var vocabulary = ItemVocabulary.FromItemIds(catalog, artifact.ItemIds);
        var module = _createModule(vocabulary.Count);
        try
        {
            SequenceTrainer.Load(module, weights);
            module.to(device.Device);
            module.eval();
        }
        catch
        {
            module.Dispose();
            throw;
        }

        _module?.Dispose();
        (_module, _vocabulary, _device, InitialItemRows) = (module, vocabulary, device.Device, null);
        Outcome = new TrainingOutcome(artifact.History, artifact.BestEpoch, artifact.BestScore, 0, 0, 0);
        return artifact;
    }

    /// <inheritdoc />
    public void Dispose() => _module?.Dispose();

    // Model, settings and a fingerprint of the training data: a checkpoint is only resumed by the same run.
    private string RunKey(ItemVocabulary vocabulary, int[][] sequences)
    {
        var hash = 14695981039346656037UL;
        foreach (var sequence in sequences)
        {
            foreach (var id in sequence)
            {
                hash = (hash ^ (uint)id) * 1099511628211UL;
            }

            hash = (hash ^ 0xFFFFFFFFUL) * 1099511628211UL;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{_spec.Name} {_spec.Description} seed={_spec.Training.Seed} items={vocabulary.Count} sequences={sequences.Length} data={hash:x16}");
    }
}
