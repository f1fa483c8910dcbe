using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Corral.Server.Tests.Support;

/// <summary>
/// Debian's headless Chromium driven by its own chromedriver: both paths are given, so Selenium never looks for (or
/// downloads) a browser or a driver. Quit on dispose, which ends the browser's whole process tree.
/// </summary>
public sealed class Browser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly ChromeDriver driver;
    private readonly string profile = Directory.CreateTempSubdirectory("corral-chromium-").FullName;

    public Browser()
    {
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,900",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}");
        driver = new ChromeDriver(service, options, Limit);
    }

    public IWebDriver Driver => driver;

    /// <summary>Where screenshots go: a folder the CI run keeps beside the test results.</summary>
    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("CORRAL_SCREENSHOTS") is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public void Open(string url) => driver.Navigate().GoToUrl(url);

    /// <summary>The first element the selector finds once <paramref name="ready"/> holds for it (visible by default).</summary>
    public IWebElement Find(string css, Func<IWebElement, bool>? ready = null)
    {
        ready ??= e => e.Displayed;
        return Until(() => driver.FindElements(By.CssSelector(css)).FirstOrDefault(ready), $"'{css}' is there");
    }

    public bool IsShown(string css) => driver.FindElements(By.CssSelector(css)).Any(e => e.Displayed);

    public T Until<T>(Func<T?> condition, string what)
    {
        var wait = new WebDriverWait(driver, Limit) { Message = $"Timed out waiting until {what}." };
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException));
        return wait.Until(_ => condition())!;
    }

    public void Screenshot(string name) => driver.GetScreenshot().SaveAsFile(Path.Combine(ScreenshotFolder, name + ".png"));

    public void Dispose()
    {
        driver.Quit();
        driver.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // A profile file the browser still held as it exited: the folder is in the temp directory.
        }
    }
}
