namespace Corral.Windows.Tests.Support;

/// <summary>A fact about corral on Windows, run under Wine; skipped with the reason where Wine or the binary is missing.</summary>
public sealed class WineFactAttribute : FactAttribute
{
    public WineFactAttribute() => Skip = Wine.SkipReason;
}
