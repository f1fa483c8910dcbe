namespace Corral.Containment;

/// <summary>Windows: one Job Object per unit; closing or terminating the job ends every process in it.</summary>
public sealed class JobObjectContainmentProvider : ContainmentProvider
{
    public override ContainmentKind Kind => ContainmentKind.JobObject;

    public override string Description => "Windows Job Objects with KILL_ON_JOB_CLOSE (no breakaway)";

    public override ContainmentUnit CreateUnit(string unitId) => new JobObjectUnit(unitId);

    public override ContainmentUnit CreateUnit(string unitId, UnitLimits? limits) => new JobObjectUnit(unitId, limits);

    // Tried on a job of its own and read back: a user must not believe a bot is held to a limit it is not.
    public override string? CannotLimit(UnitLimits limits) => limits.IsEmpty ? null : JobObjectLimits.Probe(limits);
}
