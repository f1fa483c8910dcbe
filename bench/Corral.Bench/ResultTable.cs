namespace Corral.Bench;

/// <summary>Collects rows and prints them as one aligned table.</summary>
internal sealed class ResultTable
{
    private readonly List<string[]> rows = [["benchmark", "containment", "n", "p50", "p99", "max", "total"]];

    public void Add(string benchmark, string containment, int n, IReadOnlyList<TimeSpan> samples, TimeSpan total)
    {
        var sorted = samples.OrderBy(s => s).ToList();
        rows.Add([benchmark, containment, n.ToString(), Ms(At(sorted, 0.5)), Ms(At(sorted, 0.99)), Ms(sorted[^1]), Ms(total)]);
        Console.Error.WriteLine($"done: {benchmark} {containment} n={n}");
    }

    /// <summary>A row with one measured value (memory, a count) instead of timing samples.</summary>
    public void AddValue(string benchmark, string containment, int n, string value)
    {
        rows.Add([benchmark, containment, n.ToString(), value, "", "", ""]);
        Console.Error.WriteLine($"done: {benchmark} {containment} n={n}");
    }

    public void Print()
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            Console.WriteLine(string.Join("  ", row.Select((cell, c) => c < 2 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))));
        }
    }

    private static TimeSpan At(List<TimeSpan> sorted, double quantile) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];

    private static string Ms(TimeSpan span) => $"{span.TotalMilliseconds:0.0} ms";
}
