using System.CommandLine;

namespace Corral.Cli.Commands;

/// <summary><c>corral completion bash|zsh|fish|pwsh</c>: the completion script for that shell, on stdout.</summary>
internal static class CompletionCommand
{
    public static Command Create(Command root)
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh, fish or pwsh" };
        shell.AcceptOnlyFromAmong(CompletionScripts.Shells);
        var command = new Command("completion", "Print the shell completion script (bash: source <(corral completion bash)).") { shell };
        command.SetAction(parse =>
        {
            Console.Out.Write(CompletionScripts.For(parse.GetValue(shell)!, root));
            return ExitCodes.Success;
        });
        return command;
    }
}
