namespace Corral.Sweep;

/// <summary>
/// What to kill: a configured kind or a <c>CORRAL_NAME</c> (<see cref="Kind"/>), a command-line regex
/// (<see cref="Match"/>), the leftovers of dead owners (<see cref="Orphans"/>), or one owner's processes (<see cref="Owner"/>).
/// Criteria add up: a process is selected when any of them picks it.
/// </summary>
public sealed record SweepSelection
{
    public string? Kind { get; init; }

    public string? Match { get; init; }

    public bool Orphans { get; init; }

    public string? Owner { get; init; }

    public bool IsEmpty => Kind is null && Match is null && !Orphans && Owner is null;
}
