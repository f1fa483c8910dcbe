namespace Corral.Windows.Tests.Support;

/// <summary>
/// A fact about a Wine that keeps no Job Object limits (Wine 7 and 8: SetInformationJobObject stores the limit flags and
/// nothing else, and refuses a CPU rate control). Elsewhere the limits may hold, so the refusal it checks is not expected.
/// </summary>
public sealed class WineWithoutJobLimitsFactAttribute : FactAttribute
{
    public WineWithoutJobLimitsFactAttribute() => Skip = Wine.SkipReason
        ?? (Wine.IsWine7Or8
            ? null
            : $"{Wine.Version} may keep Job Object limits; these specs check the refusal under a Wine that keeps none (7, 8)");
}
