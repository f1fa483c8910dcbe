using System.Net;
using Corral.Processes;
using Corral.Server.Tests.Support;
using OpenQA.Selenium;

namespace Corral.Server.Tests;

/// <summary>
/// The dashboard in a real headless Chromium against a real daemon with real bots: live rows without reload, a stop
/// from the page that leaves no process, a line printed after the page opened showing in the tail, the token login,
/// and a read-only daemon that offers no action. Each page is saved as a screenshot.
/// </summary>
public sealed class DashboardSpecs
{
    private const string Types = """
        types:
          forker:
            command: [DUMMY, spawn-tree, "3"]
            readiness: { log: "tree of 3 spawned", timeout: 30s }
            stop: { grace: 5s }
          talker:
            command: ["/bin/sh", "-c", "echo started; while [ ! -e \"$0\" ]; do sleep 0.05; done; echo said-after-the-page-opened; echo complained-after-the-page-opened >&2; exec sleep 100000", "{config}"]
            stop: { grace: 2s }
        """;

    [BrowserFact(Timeout = 180_000)]
    public async Task Bots_appear_live_a_stop_from_the_page_leaves_no_process_and_new_log_lines_show_in_the_tail()
    {
        using var folder = new TempFolder("corral-dashboard-");
        var trigger = folder.File("say");
        await using var daemon = await Daemon.StartAsync(Types.Replace("{config}", trigger, StringComparison.Ordinal));
        using var browser = new Browser();
        browser.Open(daemon.Http.BaseAddress!.ToString());
        browser.Find("#connection.live");

        // Launched through the API while the page is open: the rows come without a reload.
        using (await daemon.LaunchAsync("tree1", "forker", waitReady: true))
        {
        }

        using (await daemon.LaunchAsync("talk1", "talker", new { mood = "chatty" }))
        {
        }

        var row = browser.Find("#bots-table tr[data-name='tree1']");
        browser.Until(() => row.Text.Contains("running", StringComparison.Ordinal) ? row : null, "tree1 shows as running");
        Assert.Contains(" 4 ", " " + row.FindElements(By.CssSelector("td"))[5].Text + " ", StringComparison.Ordinal);
        browser.Find("#bots-table tr[data-name='talk1']");
        browser.Screenshot("dashboard-bots");

        // The bot page follows the log: a line printed after it opened appears.
        browser.Open(daemon.Http.BaseAddress + "#/bot/talk1");
        browser.Find("#log-lines div", e => e.Text == "started");
        File.WriteAllText(trigger, "");
        browser.Find("#log-lines div", e => e.Text == "said-after-the-page-opened");

        // stderr is told apart: marked as such, and the stream filter shows it alone.
        var complaint = browser.Find("#log-lines div[data-stream='stderr']", e => e.Text == "complained-after-the-page-opened");
        Assert.Equal("stdout", browser.Find("#log-lines div", e => e.Text == "started").GetAttribute("data-stream"));
        browser.Find("#log-stream option[value='stderr']", _ => true).Click();
        browser.Until(() => browser.IsShown("#log-lines div[data-stream='stdout']") ? null : "hidden", "the stdout lines are filtered out");
        Assert.True(complaint.Displayed);
        browser.Find("#log-stream option[value='']", _ => true).Click();
        Assert.Contains("{\"mood\":\"chatty\"}", browser.Find("#bot-record").Text, StringComparison.Ordinal);
        browser.Screenshot("dashboard-bot");

        // Stop from the table, behind a confirmation; the whole tree is gone, checked in /proc.
        browser.Open(daemon.Http.BaseAddress!.ToString());
        browser.Find("#bots-table tr[data-name='tree1'] button[data-action='stop']").Click();
        Assert.Contains("tree1", browser.Find("#confirm-text").Text, StringComparison.Ordinal);
        browser.Find("#confirm-ok").Click();
        browser.Until(() => browser.IsShown("#bots-table tr[data-name='tree1']") ? null : "gone", "tree1 leaves the table");
        await daemon.UntilAsync(() => Task.FromResult(!LaunchedAs(daemon, "tree1").Any()), "every process of tree1 is gone");
        Assert.NotEmpty(LaunchedAs(daemon, "talk1"));

        browser.Open(daemon.Http.BaseAddress + "#/events");
        browser.Find("#event-list li[data-kind='stopped']");
        browser.Screenshot("dashboard-events");
        browser.Open(daemon.Http.BaseAddress + "#/logs");
        browser.Find("#merged-lines div", e => e.Text.StartsWith("talk1 | ", StringComparison.Ordinal));
        browser.Screenshot("dashboard-logs");
    }

    [BrowserFact(Timeout = 180_000)]
    public async Task With_a_token_the_page_asks_for_it_refuses_a_wrong_one_and_keeps_the_right_one_in_an_http_only_cookie()
    {
        await using var daemon = await Daemon.StartAsync(Types, "--token", "dashboard-secret");
        using var browser = new Browser();
        browser.Open(daemon.Http.BaseAddress!.ToString());

        browser.Find("#login-token").SendKeys("not-the-token");
        browser.Find("#login-submit").Click();
        Assert.Equal("Wrong token.", browser.Find("#login-error").Text);
        browser.Screenshot("dashboard-login");

        var field = browser.Find("#login-token");
        field.Clear();
        field.SendKeys("dashboard-secret");
        browser.Find("#login-submit").Click();
        browser.Find("#connection.live");
        Assert.False(browser.IsShown("#login-dialog"));

        // The cookie is out of the page's reach, and a request without it is still refused.
        Assert.Equal("", ((IJavaScriptExecutor)browser.Driver).ExecuteScript("return document.cookie;"));
        using var anonymous = await daemon.Http.GetAsync("v1/bots/");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [BrowserFact(Timeout = 180_000)]
    public async Task A_read_only_daemon_shows_its_bots_but_no_action_and_refuses_changes()
    {
        await using var daemon = await Daemon.StartAsync(Types, "--read-only");
        using var browser = new Browser();
        browser.Open(daemon.Http.BaseAddress!.ToString());
        browser.Find("#connection.live");

        Assert.True(browser.IsShown("#mode"));
        Assert.False(browser.IsShown("#launch-open"));
        Assert.False(browser.IsShown("#stop-all"));
        using var refused = await daemon.LaunchAsync("ro1", "forker");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Empty(daemon.Launched());
        browser.Screenshot("dashboard-read-only");
    }

    private static IEnumerable<ProcessInfo> LaunchedAs(Daemon daemon, string name) =>
        daemon.Launched().Where(p => ProcessTable.ReadCorralEnvironment(p.Pid).GetValueOrDefault(CorralEnvironment.Name) == name);
}
