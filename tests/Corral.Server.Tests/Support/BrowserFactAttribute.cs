namespace Corral.Server.Tests.Support;

/// <summary>A fact that drives the system's Chromium through its chromedriver, skipped with the reason where they are missing.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() =>
        Skip = !File.Exists(Browser.ChromiumPath) ? $"no Chromium at {Browser.ChromiumPath} (apt-get install chromium)"
            : !File.Exists(Browser.DriverPath) ? $"no chromedriver at {Browser.DriverPath} (apt-get install chromium-driver)"
            : null;
}
