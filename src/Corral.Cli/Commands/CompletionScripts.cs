using System.CommandLine;
using System.Text;

namespace Corral.Cli.Commands;

/// <summary>
/// Shell completion written out from corral's own command tree (so it never lags behind the verbs): the verbs after
/// <c>corral</c>, each verb's options after it, files elsewhere.
/// </summary>
internal static class CompletionScripts
{
    public static readonly string[] Shells = ["bash", "zsh", "fish", "pwsh"];

    public static string For(string shell, Command root) => shell switch
    {
        "bash" => Bash(root),
        "zsh" => "autoload -U +X bashcompinit && bashcompinit\n" + Bash(root),
        "fish" => Fish(root),
        _ => PowerShell(root),
    };

    private static IEnumerable<Command> Verbs(Command root) => root.Subcommands.Where(c => !c.Hidden);

    private static IEnumerable<string> OptionsOf(Command verb) =>
        verb.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private static string Bash(Command root)
    {
        var script = new StringBuilder();
        script.Append("# corral completion for bash: source <(corral completion bash)\n");
        script.Append("_corral() {\n  local cur=\"${COMP_WORDS[COMP_CWORD]}\" verb=\"${COMP_WORDS[1]}\"\n");
        script.Append($"  if [ \"$COMP_CWORD\" -eq 1 ]; then COMPREPLY=($(compgen -W \"{string.Join(' ', Verbs(root).Select(v => v.Name))} --help --version\" -- \"$cur\")); return; fi\n");
        script.Append("  case \"$verb\" in\n");
        foreach (var verb in Verbs(root))
        {
            script.Append($"    {verb.Name}) local options=\"{string.Join(' ', OptionsOf(verb))}\";;\n");
        }

        script.Append("    *) local options=\"\";;\n  esac\n");
        script.Append("  if [[ \"$cur\" == -* ]]; then COMPREPLY=($(compgen -W \"$options\" -- \"$cur\")); else COMPREPLY=($(compgen -f -- \"$cur\")); fi\n}\n");
        script.Append("complete -o filenames -F _corral corral\n");
        return script.ToString();
    }

    private static string Fish(Command root)
    {
        var script = new StringBuilder("# corral completion for fish: corral completion fish | source\n");
        var verbs = string.Join(' ', Verbs(root).Select(v => v.Name));
        foreach (var verb in Verbs(root))
        {
            script.Append($"complete -c corral -n \"not __fish_seen_subcommand_from {verbs}\" -a {verb.Name} -d {Quote(verb.Description)}\n");
            foreach (var option in verb.Options.Where(o => !o.Hidden && o.Name.StartsWith("--", StringComparison.Ordinal)))
            {
                script.Append($"complete -c corral -n \"__fish_seen_subcommand_from {verb.Name}\" -l {option.Name[2..]} -d {Quote(option.Description)}\n");
            }
        }

        return script.ToString();
    }

    private static string PowerShell(Command root)
    {
        var script = new StringBuilder("# corral completion for PowerShell: corral completion pwsh | Out-String | Invoke-Expression\n");
        script.Append("Register-ArgumentCompleter -Native -CommandName corral -ScriptBlock {\n  param($word, $ast, $cursor)\n");
        script.Append("  $verbs = @{\n");
        foreach (var verb in Verbs(root))
        {
            script.Append($"    '{verb.Name}' = @({string.Join(", ", OptionsOf(verb).Select(o => $"'{o}'"))})\n");
        }

        script.Append("  }\n  $words = $ast.CommandElements | Select-Object -Skip 1 | ForEach-Object { $_.ToString() }\n");
        script.Append("  $candidates = if (-not $words -or ($words.Count -eq 1 -and $word)) { $verbs.Keys } else { $verbs[$words[0]] }\n");
        script.Append("  $candidates | Where-Object { $_ -like \"$word*\" } | ForEach-Object { [System.Management.Automation.CompletionResult]::new($_) }\n}\n");
        return script.ToString();
    }

    private static string Quote(string? text) => "'" + (text ?? "").Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
