using Corral.Containment;

namespace Corral.Tests.Support;

/// <summary>Both Linux containment paths, for theories that must hold on each; cgroup only where this machine has one.</summary>
public static class Containments
{
    public static TheoryData<ContainmentPreference> Both()
    {
        var data = new TheoryData<ContainmentPreference> { ContainmentPreference.Session };
        if (Os.CgroupUsable)
        {
            data.Add(ContainmentPreference.Cgroup);
        }

        return data;
    }
}
