using LlmSeqRec.Models.Neural;

namespace LlmSeqRec.Models.Tests.Neural;

public class SequenceBatchingTests
{
    [Fact]
    public void Window_keeps_the_last_items_and_pads_on_the_left()
    {
        var row = new long[4];
        SequenceWindow.Fill([1, 2], row, 9);
        Assert.Equal([9, 9, 1, 2], row);
        SequenceWindow.Fill([1, 2, 3, 4, 5, 6], row, 9);
        Assert.Equal([3, 4, 5, 6], row);
    }

    [Fact]
    public void Next_item_batch_has_targets_only_at_non_padding_inputs()
    {
        int[][] sequences = [[1, 2, 3], [4, 5, 6, 7, 8, 0], [7]];
        var batch = NextItemBatch.Create(sequences, [0, 1, 2], length: 4, maskId: 9);

        Assert.Equal((3, 4), (batch.Size, batch.Length));
        // windows of N + 1 = 5: [9 9 1 2 3], [5 6 7 8 0], [9 9 9 9 7]; inputs are the first 4.
        Assert.Equal([9, 9, 1, 2, 5, 6, 7, 8, 9, 9, 9, 9], batch.Inputs);
        Assert.Equal([2, 3, 4, 5, 6, 7], batch.TargetPositions);
        Assert.Equal([2, 3, 6, 7, 8, 0], batch.Targets);
    }

    [Fact]
    public void Vocabulary_numbers_train_items_in_catalog_order_and_puts_the_mask_last()
    {
        var training = Knn.ToySessions.Build(6, (1, [4, 1]), (2, [1, 2]));
        var vocabulary = ItemVocabulary.FromTraining(training);

        Assert.Equal([1, 2, 4], vocabulary.CatalogItems);
        Assert.Equal(3, vocabulary.MaskId);
        Assert.Equal([2, 0, 1], vocabulary.Map([4, 3, 1, 2]));
    }
}
