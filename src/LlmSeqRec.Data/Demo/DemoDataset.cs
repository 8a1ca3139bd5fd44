using System.Globalization;
using System.Text;

namespace LlmSeqRec.Data.Demo;

/// <summary>
/// A small, realistic, deterministic demo dataset for a fresh clone with no data and no network: products of a
/// few brands and categories with titles, popularity that follows a power law, and sessions that mostly stay
/// within a brand or category and move forward in time. Written as a CSV dataset folder.
/// </summary>
public static class DemoDataset
{
    private static readonly string[] Brands = ["Lumiere", "Verdant", "Nordic Glow", "Aurora", "Petal & Pine", "Solstice", "Maison Bleu", "Kinfolk"];
    private static readonly string[] Categories = ["Face Cream", "Shampoo", "Lipstick", "Nail Polish", "Eye Shadow", "Body Lotion", "Perfume", "Sunscreen", "Face Mask", "Hair Oil"];
    private static readonly string[] Variants = ["Rose", "Lavender", "Vanilla", "Citrus", "Ocean", "Amber", "Mint", "Coconut", "Argan", "Aloe"];
    private static readonly string[] Sizes = ["30 ml", "50 ml", "100 ml", "200 ml", "Travel Size"];

    /// <summary>Writes interactions.csv and items.csv into <paramref name="folder"/> (created if needed).</summary>
    /// <param name="folder">Target folder.</param>
    /// <param name="sessions">Number of sessions (users).</param>
    /// <param name="items">Number of products.</param>
    /// <param name="seed">Random seed: the same seed gives the same files.</param>
    public static void Write(string folder, int sessions = 3000, int items = 600, int seed = 42)
    {
        var random = new Random(seed);
        var products = Enumerable.Range(0, items).Select(i => new Product(
            i,
            Brands[random.Next(Brands.Length)],
            Categories[random.Next(Categories.Length)],
            Variants[random.Next(Variants.Length)],
            Sizes[random.Next(Sizes.Length)])).ToArray();

        // Zipf-like popularity weights in a random order of items.
        var weights = new double[items];
        var order = Enumerable.Range(0, items).OrderBy(_ => random.Next()).ToArray();
        for (var r = 0; r < items; r++)
        {
            weights[order[r]] = 1.0 / Math.Pow(r + 1, 0.9);
        }

        Directory.CreateDirectory(folder);
        var itemsCsv = new StringBuilder("ItemId,Title,Brand,Category\n");
        foreach (var p in products)
        {
            itemsCsv.Append(CultureInfo.InvariantCulture, $"P{p.Id:D4},\"{p.Brand} {p.Variant} {p.Category}, {p.Size}\",{p.Brand},{p.Category}\n");
        }

        var interactions = new StringBuilder("SessionId,ItemId,Timestamp\n");
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        const long day = 86_400;
        for (var s = 0; s < sessions; s++)
        {
            var length = 5 + (int)Math.Min(25, -Math.Log(1 - random.NextDouble()) * 4);
            var time = start + (random.Next(300) * day);
            var current = Sample(random, weights, _ => true);
            var seen = new HashSet<int>();
            for (var j = 0; j < length; j++)
            {
                seen.Add(current);
                interactions.Append(CultureInfo.InvariantCulture, $"U{s:D5},P{current:D4},{time}\n");
                time += random.Next(3) * day;
                var previous = products[current];
                var roll = random.NextDouble();
                Func<int, bool> related = roll < 0.45 ? i => products[i].Brand == previous.Brand
                    : roll < 0.8 ? i => products[i].Category == previous.Category
                    : _ => true;
                current = Sample(random, weights, i => related(i) && !seen.Contains(i));
            }
        }

        File.WriteAllText(Path.Combine(folder, "items.csv"), itemsCsv.ToString());
        File.WriteAllText(Path.Combine(folder, "interactions.csv"), interactions.ToString());
    }

    private static int Sample(Random random, double[] weights, Func<int, bool> allowed)
    {
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            if (allowed(i))
            {
                total += weights[i];
            }
        }

        if (total == 0)
        {
            return random.Next(weights.Length);
        }

        var target = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            if (allowed(i) && (target -= weights[i]) <= 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private sealed record Product(int Id, string Brand, string Category, string Variant, string Size);
}
