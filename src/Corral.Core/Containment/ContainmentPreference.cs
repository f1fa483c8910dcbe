namespace Corral.Containment;

public enum ContainmentPreference
{
    Auto,
    Cgroup,
    Session,
}
