using SkiaSharp;

namespace LlmSeqRec.Reporting.Tests;

/// <summary>A decoded PNG and what tells a picture from a blank page.</summary>
internal sealed class ImageStatistics
{
    private ImageStatistics(int width, int height, double variance, double nonBackground, Func<SKColor, int, int> countNear)
    {
        Width = width;
        Height = height;
        Variance = variance;
        NonBackgroundFraction = nonBackground;
        _countNear = countNear;
    }

    private readonly Func<SKColor, int, int> _countNear;

    public int Width { get; }

    public int Height { get; }

    /// <summary>Variance of the grey level (0–255) over all pixels.</summary>
    public double Variance { get; }

    /// <summary>Share of pixels that differ from the most common colour by more than 16 in some channel.</summary>
    public double NonBackgroundFraction { get; }

    /// <summary>Pixels within <paramref name="tolerance"/> of <paramref name="color"/> in every channel.</summary>
    public int CountNear(SKColor color, int tolerance = 12) => _countNear(color, tolerance);

    public static ImageStatistics Decode(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidDataException("not a decodable image");
        var pixels = bitmap.Pixels;
        double sum = 0, sumSquares = 0;
        foreach (var p in pixels)
        {
            var grey = (0.299 * p.Red) + (0.587 * p.Green) + (0.114 * p.Blue);
            sum += grey;
            sumSquares += grey * grey;
        }

        var mean = sum / pixels.Length;
        var background = pixels.GroupBy(p => p).MaxBy(g => g.Count())!.Key;
        var nonBackground = pixels.Count(p => Distance(p, background) > 16) / (double)pixels.Length;
        return new ImageStatistics(bitmap.Width, bitmap.Height, (sumSquares / pixels.Length) - (mean * mean), nonBackground,
            (color, tolerance) => pixels.Count(p => Distance(p, color) <= tolerance));
    }

    private static int Distance(SKColor a, SKColor b) =>
        Math.Max(Math.Abs(a.Red - b.Red), Math.Max(Math.Abs(a.Green - b.Green), Math.Abs(a.Blue - b.Blue)));
}
