using System.Diagnostics;
using Corral.Cli.Tests.Support;

namespace Corral.Cli.Tests.Commands;

/// <summary><c>corral completion SHELL</c>: a script generated from the command tree, completing verbs and their options.</summary>
public sealed class CompletionSpecs
{
    private static readonly string[] Verbs = ["up", "down", "sweep", "doctor", "serve", "ps", "logs", "reload", "scale", "events"];

    [Fact(Timeout = 180_000)]
    public async Task The_bash_script_completes_verbs_and_the_options_of_the_verb_being_typed()
    {
        var (code, run) = await CorralRun.RunAsync(Path.GetTempPath(), "completion", "bash");
        var script = Path.Combine(Path.GetTempPath(), $"corral-completion-{Guid.NewGuid():N}.bash");
        File.WriteAllText(script, run.Stdout);
        try
        {
            Assert.Equal(0, code);
            Assert.Equal("serve", await CompleteAsync(script, "corral se"));
            Assert.Equal("--read-only", await CompleteAsync(script, "corral serve --re"));
            Assert.Equal("--dry-run --json --prune --token --url", await CompleteAsync(script, "corral reload --"));
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Theory(Timeout = 180_000)]
    [InlineData("zsh")]
    [InlineData("fish")]
    [InlineData("pwsh")]
    public async Task The_other_shells_get_a_script_that_knows_every_verb(string shell)
    {
        var (code, run) = await CorralRun.RunAsync(Path.GetTempPath(), "completion", shell);

        Assert.Equal(0, code);
        Assert.All(Verbs, verb => Assert.Contains(verb, run.Stdout, StringComparison.Ordinal));
    }

    // What bash offers for the last word of the line: the script sourced, the line split as bash completion splits it.
    private static async Task<string> CompleteAsync(string script, string line)
    {
        var words = line.Split(' ');
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"source '{script}'; COMP_WORDS=({string.Join(' ', words)}); COMP_CWORD={words.Length - 1}; _corral; echo \"${{COMPREPLY[@]}}\"");
        using var bash = Process.Start(info)!;
        var output = await bash.StandardOutput.ReadToEndAsync();
        await bash.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return output.Trim();
    }
}
