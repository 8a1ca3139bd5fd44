using LlmSeqRec.Models.Knn;

namespace LlmSeqRec.Models.Tests.Knn;

public class KnnPromptTests
{
    private static readonly SessionIndex Index = SessionIndex.Build(ToySessions.Letters);

    [Fact]
    public void Harmonic_weights_run_from_one_over_length_to_one()
    {
        var prompt = KnnPrompt.From([0, 3, 2], Index, PositionDecay.Harmonic);

        Assert.Equal([0, 3, 2], prompt.Items);
        Assert.Equal([1.0 / 3, 1.0 / 2, 1.0], prompt.Weights);
        Assert.Equal(7.0 / 6, prompt.Norm, 12);  // sqrt(1/9 + 1/4 + 1) = sqrt(49/36)
    }

    [Fact]
    public void Repeats_keep_the_first_occurrence_and_positions_count_distinct_items()
    {
        // As pd.unique in the papers' code: [2, 0, 2] → [2, 0]; item 2 is then at distance 2 from the end.
        var prompt = KnnPrompt.From([2, 0, 2], Index, PositionDecay.Harmonic);

        Assert.Equal([2, 0], prompt.Items);
        Assert.Equal([0.5, 1.0], prompt.Weights);
    }

    [Fact]
    public void Untrained_and_unknown_items_are_dropped()
    {
        Assert.Equal([1, 2], KnnPrompt.From([1, 8, 2, 99, -1], Index, PositionDecay.None).Items);
        Assert.True(KnnPrompt.From([8], Index, PositionDecay.None).IsEmpty);
    }

    [Fact]
    public void Last_n_items_cuts_the_raw_prompt_before_deduplication() =>
        // The last 4 of [0, 1, 2, 1, 3] are [1, 2, 1, 3] → [1, 2, 3] (deduplicating first would give [0, 1, 2, 3]).
        Assert.Equal([1, 2, 3], KnnPrompt.From([0, 1, 2, 1, 3], Index, PositionDecay.None, lastNItems: 4).Items);

    [Fact]
    public void Linear_decay_reaches_its_floor_on_long_prompts()
    {
        var training = ToySessions.Build(13, (1, Enumerable.Range(0, 13).ToArray()));
        var prompt = KnnPrompt.From(Enumerable.Range(0, 13).ToArray(), SessionIndex.Build(training), PositionDecay.Linear);

        Assert.Equal(1e-4, prompt.Weights[0]);   // distance 13
        Assert.Equal(1e-4, prompt.Weights[2]);   // distance 11
        Assert.Equal(0.1, prompt.Weights[3], 12); // distance 10
        Assert.Equal(1.0, prompt.Weights[12]);
    }
}
