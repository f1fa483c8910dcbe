using System.Runtime.InteropServices;

namespace Corral.Cli;

/// <summary>
/// SIGINT, SIGQUIT, SIGTERM and SIGHUP ask for an orderly teardown; a second one cuts the graces short and kills at once.
/// corral never dies of these signals itself: it always stays to tear down what it started.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly CancellationTokenSource hurry = new();
    private readonly PosixSignalRegistration[] registrations;
    private int received;

    public StopSignals(Action<string>? onHurry = null)
    {
        // Started as a background job of a script, corral inherits SIGINT and SIGQUIT ignored; it must still act on them.
        Signals.SignalDisposition.RestoreDefault(Signals.Signal.Int, Signals.Signal.Quit);
        registrations =
        [
            .. new[] { PosixSignal.SIGINT, PosixSignal.SIGQUIT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(signal =>
                PosixSignalRegistration.Create(signal, context =>
                {
                    context.Cancel = true;
                    if (Interlocked.CompareExchange(ref received, (int)context.Signal, 0) == 0)
                    {
                        stop.Cancel();
                    }
                    else if (!hurry.IsCancellationRequested)
                    {
                        onHurry?.Invoke($"second {context.Signal}: killing everything now, without the grace");
                        hurry.Cancel();
                    }
                })),
        ];
    }

    /// <summary>Fires on the first signal: stop waiting and start the teardown.</summary>
    public CancellationToken Stop => stop.Token;

    /// <summary>Fires on the second signal: skip the remaining graces.</summary>
    public CancellationToken Hurry => hurry.Token;

    public PosixSignal? Received => received == 0 ? null : (PosixSignal)received;

    /// <summary>The shell convention for "ended by this signal": 128 + its number.</summary>
    public int ExitCode => Received switch
    {
        PosixSignal.SIGINT => ExitCodes.Interrupted,
        PosixSignal.SIGHUP => ExitCodes.HangUp,
        PosixSignal.SIGQUIT => ExitCodes.Quit,
        _ => ExitCodes.Terminated,
    };

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        stop.Dispose();
        hurry.Dispose();
    }
}
