using Corral.Processes;

namespace Corral.Containment;

/// <summary>Creates units of the strongest containment this machine gives (or the one asked for).</summary>
public abstract class ContainmentProvider
{
    /// <summary>Set to <c>session</c> to force the fallback path, <c>cgroup</c> to require cgroups.</summary>
    public const string EnvironmentVariable = "CORRAL_CONTAINMENT";

    public abstract ContainmentKind Kind { get; }

    /// <summary>A sentence for <c>corral doctor</c>: what holds the trees and where.</summary>
    public abstract string Description { get; }

    public abstract ContainmentUnit CreateUnit(string unitId);

    /// <summary>A unit with <paramref name="limits"/> applied before anything runs in it; refused where they cannot be.</summary>
    public virtual ContainmentUnit CreateUnit(string unitId, UnitLimits? limits) =>
        limits is null || limits.IsEmpty ? CreateUnit(unitId) : throw new Exceptions.LimitsUnenforceableException(CannotLimit(limits)!);

    /// <summary>Why <paramref name="limits"/> cannot be enforced here; null when they can.</summary>
    public virtual string? CannotLimit(UnitLimits limits) =>
        limits.IsEmpty ? null : $"{Kind.ToString().ToLowerInvariant()} containment cannot hold resource limits; they need a cgroup v2 with its controllers (Linux) or a Job Object (Windows)";

    /// <summary>What <see cref="ContainmentUnit.Location"/> the unit <paramref name="unitId"/> will have, before it exists.</summary>
    public virtual string LocationOf(string unitId) => "session (not started)";

    /// <summary>
    /// The net after every unit of a fleet is stopped: kills what escaped every unit-level net (possible only on the
    /// fallback path, for a process that left its tree and session and wiped its environment). Returns what it killed.
    /// </summary>
    public virtual Task<IReadOnlyList<StoppedMember>> KillStraysAsync() => Task.FromResult<IReadOnlyList<StoppedMember>>([]);

    /// <summary>Removes what the provider holds for this corral instance once no unit is left (its cgroup folder).</summary>
    public virtual void Cleanup()
    {
    }

    /// <summary>
    /// Rebuilds the unit of a process an earlier corral started, from the <see cref="ContainmentUnit.Location"/> it
    /// recorded: a cgroup path stays a cgroup unit (whatever this corral would choose today), anything else a session.
    /// </summary>
    public static ContainmentUnit Reattach(string unitId, string location, ProcessId main)
    {
        if (location.StartsWith('/') && Directory.Exists(location))
        {
            return new CgroupUnit(unitId, location);
        }

        // Without a main process (a planned unit whose start was interrupted) only the tag finds its processes.
        var unit = new SessionUnit(unitId);
        unit.AttachTo(main.Pid);
        return unit;
    }

    /// <summary>Picks the containment: <paramref name="preference"/>, else <c>CORRAL_CONTAINMENT</c>, else the best available.</summary>
    public static ContainmentProvider Detect(ContainmentPreference preference = ContainmentPreference.Auto)
    {
        if (preference == ContainmentPreference.Auto)
        {
            preference = Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim().ToLowerInvariant() switch
            {
                "cgroup" => ContainmentPreference.Cgroup,
                "session" => ContainmentPreference.Session,
                _ => ContainmentPreference.Auto,
            };
        }

        if (OperatingSystem.IsWindows())
        {
            return new JobObjectContainmentProvider();
        }

        if (preference != ContainmentPreference.Session)
        {
            var cgroup = CgroupContainmentProvider.TryCreate(out var reason);
            if (cgroup is not null)
            {
                return cgroup;
            }

            if (preference == ContainmentPreference.Cgroup)
            {
                throw new Exceptions.ContainmentUnavailableException($"cgroup containment was required but is not usable here: {reason}");
            }

            return new SessionContainmentProvider(reason);
        }

        return new SessionContainmentProvider("forced by configuration");
    }
}
