namespace Corral.Server.Hosting;

/// <summary>
/// Named instants at which the chaos tests kill the daemon. <c>CORRAL_FAULT_PAUSE=&lt;point&gt;:&lt;ms&gt;</c> makes the
/// daemon say on stderr that it reached the point and then hold still there, so a test can SIGKILL it exactly there
/// instead of hoping a random moment falls into a window of microseconds. Unset (always, outside tests): no effect.
/// </summary>
public static class FaultPoints
{
    public const string Variable = "CORRAL_FAULT_PAUSE";

    /// <summary>After a bot's process was started and before the start is recorded.</summary>
    public const string AfterExec = "after-exec";

    /// <summary>After a stop shows "stopping" and before its first signal.</summary>
    public const string BeforeStopSignal = "before-stop-signal";

    private static readonly (string Point, int Milliseconds)? Configured = Parse(Environment.GetEnvironmentVariable(Variable));

    public static void Pause(string point)
    {
        if (Configured is { } pause && pause.Point == point)
        {
            Console.Error.WriteLine($"corral: fault point {point}: pausing {pause.Milliseconds} ms");
            Console.Error.Flush();
            Thread.Sleep(pause.Milliseconds);
        }
    }

    private static (string, int)? Parse(string? value)
    {
        var parts = value?.Split(':', 2);
        return parts is [var point, var ms] && int.TryParse(ms, out var milliseconds) ? (point, milliseconds) : null;
    }
}
