namespace Corral.Signals;

/// <summary>Maps <see cref="Signal"/> to the number the running kernel expects, and parses user spellings.</summary>
public static class SignalNumbers
{
    public static int ToNumber(Signal signal) => OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()
        ? signal switch
        {
            Signal.Hup => 1, Signal.Int => 2, Signal.Quit => 3, Signal.Kill => 9,
            Signal.Usr1 => 30, Signal.Usr2 => 31, Signal.Term => 15, Signal.Cont => 19, Signal.Stop => 17,
            _ => throw new ArgumentOutOfRangeException(nameof(signal)),
        }
        : signal switch
        {
            Signal.Hup => 1, Signal.Int => 2, Signal.Quit => 3, Signal.Kill => 9,
            Signal.Usr1 => 10, Signal.Usr2 => 12, Signal.Term => 15, Signal.Cont => 18, Signal.Stop => 19,
            _ => throw new ArgumentOutOfRangeException(nameof(signal)),
        };

    /// <summary>Accepts <c>SIGTERM</c>, <c>TERM</c>, <c>term</c> or a number such as <c>15</c>.</summary>
    public static bool TryParse(string text, out Signal signal)
    {
        var name = text.Trim().ToUpperInvariant();
        if (name.StartsWith("SIG", StringComparison.Ordinal))
        {
            name = name[3..];
        }

        if (int.TryParse(name, out var number))
        {
            foreach (var candidate in Enum.GetValues<Signal>())
            {
                if (ToNumber(candidate) == number)
                {
                    signal = candidate;
                    return true;
                }
            }

            signal = default;
            return false;
        }

        return Enum.TryParse(name, ignoreCase: true, out signal) && Enum.IsDefined(signal);
    }

    public static string Name(Signal signal) => "SIG" + signal.ToString().ToUpperInvariant();
}
