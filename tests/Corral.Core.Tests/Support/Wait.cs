using Corral.Processes;

namespace Corral.Tests.Support;

internal static class Wait
{
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    /// <summary>Completes when the process prints a line containing <paramref name="text"/>; fails after 30 s.</summary>
    public static async Task<string> ForLineAsync(ManagedProcess process, string text)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = process.Output.Subscribe(line =>
        {
            if (line.Text.Contains(text, StringComparison.Ordinal))
            {
                found.TrySetResult(line.Text);
            }
        });
        var winner = await Task.WhenAny(found.Task, process.Exited, Task.Delay(Long));
        if (winner != found.Task)
        {
            var tail = string.Join("\n", process.Output.Tail(20).Select(l => l.Text));
            throw new TimeoutException($"{process} did not print '{text}' (exited: {process.HasExited}). Output:\n{tail}");
        }

        return await found.Task;
    }

    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Long;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(10);
        }
    }
}
