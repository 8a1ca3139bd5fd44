using LlmSeqRec.Models.Knn;

namespace LlmSeqRec.Models.Tests.Knn;

public class SessionIndexTests
{
    [Fact]
    public void Inverted_index_frequencies_and_idf()
    {
        var index = SessionIndex.Build(ToySessions.Letters);

        Assert.Equal(5, index.SessionCount);
        Assert.Equal(9, index.ItemCount);
        Assert.Equal([0, 2, 3], index.SessionsWith(2).ToArray());
        Assert.Equal(3, index.SessionFrequency(2));
        Assert.False(index.IsTrained(8));
        Assert.False(index.IsTrained(9));
        Assert.Equal(1 + Math.Log(5.0 / 3), index.Idf(2), 12); // 1.510826
        Assert.Equal(1 + Math.Log(5.0 / 1), index.Idf(0), 12); // 2.609438
    }

    [Fact]
    public void Sessions_count_each_item_once_and_successors_are_distinct()
    {
        var index = SessionIndex.Build(ToySessions.Build(4, (1, [0, 1, 0, 1, 2])));

        Assert.Equal([0, 1, 2], index.ItemsOf(0).ToArray());
        Assert.Equal([0, 1, 0, 1, 2], index.SequenceOf(0).ToArray());
        Assert.Equal([1], index.SuccessorsOf(0).ToArray());
        Assert.Equal([0, 2], index.SuccessorsOf(1).ToArray());
        Assert.True(index.SuccessorsOf(2).IsEmpty);
        Assert.Equal(1 + Math.Log(1.0), index.Idf(0)); // df counts sessions, not occurrences
    }

    [Fact]
    public void Sessions_are_numbered_by_end_time_then_training_order()
    {
        // Training order s0 (t 900), s1 (t 100), s2 (t 500), s3 (t 100): by recency s1, s3, s2, s0.
        var index = SessionIndex.Build(ToySessions.Build(2, (900, [0]), (100, [0]), (500, [0, 1]), (100, [0])));

        Assert.Equal([1, 3, 2, 0], Enumerable.Range(0, 4).Select(index.TrainingSessionOf));
        Assert.Equal(900, index.EndTimeOf(3));
        Assert.Equal([2], index.SessionsWith(1).ToArray()); // s2 is session 2
    }
}
