namespace Corral.Tests.Support;

/// <summary>A fact that needs Linux and root (a negative nice value), skipped with the reason elsewhere.</summary>
public sealed class RootOnLinuxFactAttribute : FactAttribute
{
    public RootOnLinuxFactAttribute() =>
        Skip = !OperatingSystem.IsLinux() ? "Linux only"
            : Environment.UserName != "root" ? "needs root: only root may lower a thread's nice value"
            : null;
}
