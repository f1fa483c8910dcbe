namespace Corral.Windows.Tests.Support;

/// <summary>A fact about windowed Windows programs under Wine: it needs an X display (bash .ci/run starts Xvfb).</summary>
public sealed class WineDisplayFactAttribute : FactAttribute
{
    public WineDisplayFactAttribute() => Skip = Wine.SkipReason
        ?? (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))
            ? "no X display for Wine's windows: DISPLAY is not set (apt-get install xvfb, run Xvfb :99 -nolisten tcp, export DISPLAY=:99; bash .ci/run does)"
            : null);
}
