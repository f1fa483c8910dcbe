namespace Corral.Windows.Tests.Support;

/// <summary>
/// A fact that needs CTRL_BREAK delivered to a console process group. Wine 7 and 8 deliver none: the spec is skipped
/// there with that reason, and runs on a Wine that delivers it.
/// </summary>
public sealed class WineCtrlBreakFactAttribute : FactAttribute
{
    public WineCtrlBreakFactAttribute() => Skip = Wine.SkipReason
        ?? (Wine.IsWine7Or8
            ? $"{Wine.Version}: GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, group) reaches no process of the group (tried with a .NET "
              + "console handler, with and without a terminal), so a console client is terminated after its grace instead"
            : null);
}
