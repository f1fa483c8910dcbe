namespace Corral.Containment;

/// <summary>Windows: one Job Object per unit; closing or terminating the job ends every process in it.</summary>
public sealed class JobObjectContainmentProvider : ContainmentProvider
{
    public override ContainmentKind Kind => ContainmentKind.JobObject;

    public override string Description => "Windows Job Objects with KILL_ON_JOB_CLOSE (no breakaway)";

    public override ContainmentUnit CreateUnit(string unitId) => new JobObjectUnit(unitId);

    // Refused rather than ignored: a user must not believe a bot is held to a limit it is not.
    public override string? CannotLimit(UnitLimits limits) =>
        limits.IsEmpty ? null : "limits on Windows (the Job Object's memory, CPU rate and active-process limits) are not built yet";
}
