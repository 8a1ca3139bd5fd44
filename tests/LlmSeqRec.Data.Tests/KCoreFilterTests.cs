using LlmSeqRec.Data.Preparation;

namespace LlmSeqRec.Data.Tests;

public class KCoreFilterTests
{
    // Sessions 0..4, items A=0 B=1 C=2 D=3 E=4 X=5.
    //   S0: A X   S1: A B   S2: B C   S3: D E   S4: D E
    // k = 2. Round 1: X and C occur once -> S0 keeps only A, S2 only B. Round 2: S0 and S2 are below 2 -> A and B
    // lose an interaction. Round 3: A and B occur once (in S1) -> S1 is emptied. Round 4 removes nothing.
    private static readonly int[] Sessions = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4];
    private static readonly int[] Items = [0, 5, 0, 1, 1, 2, 3, 4, 3, 4];

    [Fact]
    public void RemovalsCascadeOverSeveralRoundsUntilEverySessionAndItemHasK()
    {
        var keep = Enumerable.Repeat(true, Sessions.Length).ToArray();

        var rounds = KCoreFilter.Apply(Sessions, Items, keep, 2);

        Assert.Equal([false, false, false, false, false, false, true, true, true, true], keep);
        Assert.Equal(3, rounds);
    }

    [Fact]
    public void InteractionsAlreadyDroppedDoNotCount()
    {
        // Without row 9 (E in S4), E occurs once and S4 has one interaction: everything of S3 and S4 goes too.
        var keep = Enumerable.Repeat(true, Sessions.Length).ToArray();
        keep[9] = false;

        KCoreFilter.Apply(Sessions, Items, keep, 2);

        Assert.All(keep, Assert.False);
    }

    [Fact]
    public void SurvivorsAreLeftAlone()
    {
        int[] sessions = [0, 0, 1, 1];
        int[] items = [0, 1, 0, 1];
        var keep = new[] { true, true, true, true };

        Assert.Equal(0, KCoreFilter.Apply(sessions, items, keep, 2));
        Assert.All(keep, Assert.True);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void KOfZeroOrOneKeepsEverything(int k)
    {
        var keep = Enumerable.Repeat(true, Sessions.Length).ToArray();
        keep[4] = false;

        var rounds = KCoreFilter.Apply(Sessions, Items, keep, k);

        Assert.Equal(0, rounds);
        Assert.Equal([true, true, true, true, false, true, true, true, true, true], keep);
    }

    [Fact]
    public void LargeKRemovesEverything()
    {
        var keep = Enumerable.Repeat(true, Sessions.Length).ToArray();

        KCoreFilter.Apply(Sessions, Items, keep, 3);

        Assert.All(keep, Assert.False);
    }
}
