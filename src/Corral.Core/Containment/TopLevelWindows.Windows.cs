using System.Runtime.InteropServices;
using Corral.Interop.Windows;

namespace Corral.Containment;

/// <summary>
/// The polite stop of a windowed Windows process (an editor, a game client): WM_CLOSE on each of its visible top-level
/// windows, what its close button sends and what <c>taskkill</c> without <c>/F</c> does. Only windows on corral's own
/// desktop can be reached; a process without one is left to the grace and the job's termination.
/// </summary>
internal static unsafe class TopLevelWindows
{
    /// <summary>Posts WM_CLOSE to every visible top-level window of the given processes; returns how many.</summary>
    public static int Close(IReadOnlySet<int> pids)
    {
        var found = new List<nint>();
        var context = GCHandle.Alloc((pids, found));
        try
        {
            User32.EnumWindows(&Visit, GCHandle.ToIntPtr(context));
        }
        finally
        {
            context.Free();
        }

        return found.Count(window => User32.PostMessage(window, User32.WmClose, 0, 0));
    }

    [UnmanagedCallersOnly]
    private static int Visit(nint window, nint parameter)
    {
        var (pids, found) = ((IReadOnlySet<int>, List<nint>))GCHandle.FromIntPtr(parameter).Target!;
        if (User32.IsWindowVisible(window) && User32.GetWindowThreadProcessId(window, out var pid) != 0 && pids.Contains(pid))
        {
            found.Add(window);
        }

        return 1;
    }
}
