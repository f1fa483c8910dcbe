using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Corral.Interop.Windows;

namespace Corral.Processes;

public static partial class ProcessTable
{
    // Windows identities: pid + creation time (FILETIME ticks), read through a process handle, which keeps the pid
    // from being reused while it is open. Exited processes whose handles are still open read as dead ('Z').
    [SupportedOSPlatform("windows")]
    private static IReadOnlyList<ProcessInfo> WindowsSnapshot()
    {
        var result = new List<ProcessInfo>(256);
        foreach (var (pid, _, _) in ToolhelpEntries())
        {
            if (WindowsGet(pid) is { } info)
            {
                result.Add(info);
            }
        }

        return result;
    }

    [SupportedOSPlatform("windows")]
    private static ProcessInfo? WindowsGet(int pid) => WithProcess<ProcessInfo?>(pid, null, handle =>
    {
        if (!Kernel32.GetProcessTimes(handle, out var creation, out _, out _, out _))
        {
            return null;
        }

        var running = Kernel32.GetExitCodeProcess(handle, out var code) && code == Kernel32.StillActive;
        var basic = default(Ntdll.BasicInformation);
        var parent = Ntdll.NtQueryInformationProcess(handle, Ntdll.ProcessBasicInformation, ref basic, Marshal.SizeOf<Ntdll.BasicInformation>(), out _) == 0
            ? (int)basic.InheritedFromUniqueProcessId
            : 0;
        return new ProcessInfo(new ProcessId(pid, (ulong)creation), parent, 0, 0, running ? 'R' : 'Z');
    });

    [SupportedOSPlatform("windows")]
    private static string? WindowsReadCommandLine(int pid) =>
        WithProcess(pid, null, CommandLineOf) ?? CommandLineFromPeb(pid) ?? WithProcess(pid, null, ImagePathOf);

    [SupportedOSPlatform("windows")]
    private static unsafe string? CommandLineOf(nint handle)
    {
        // A UNICODE_STRING (length, capacity, pointer) followed by its characters, in one buffer.
        const int size = 64 * 1024;
        var buffer = NativeMemory.Alloc(size);
        try
        {
            if (Ntdll.NtQueryInformationProcess(handle, Ntdll.ProcessCommandLineInformation, (nint)buffer, size, out _) == 0)
            {
                var length = *(ushort*)buffer / sizeof(char);
                var text = new string(*(char**)((byte*)buffer + IntPtr.Size), 0, length);
                if (text.Length > 0)
                {
                    return text;
                }
            }
        }
        finally
        {
            NativeMemory.Free(buffer);
        }

        return null;
    }

    // Where the information class is missing (before Windows 8.1; Wine 8): the command line the process was given, as
    // its own memory holds it (PEB -> process parameters -> CommandLine, 64-bit layout).
    [SupportedOSPlatform("windows")]
    private static unsafe string? CommandLineFromPeb(int pid)
    {
        var handle = Kernel32.OpenProcess(Kernel32.ProcessQueryInformation | Kernel32.ProcessVmRead, false, pid);
        if (handle == 0)
        {
            return null;
        }

        try
        {
            var basic = default(Ntdll.BasicInformation);
            nint parameters = 0;
            ushort bytes = 0;
            nint text = 0;
            if (Ntdll.NtQueryInformationProcess(handle, Ntdll.ProcessBasicInformation, ref basic, Marshal.SizeOf<Ntdll.BasicInformation>(), out _) != 0
                || basic.PebBaseAddress == 0
                || !Kernel32.ReadProcessMemory(handle, basic.PebBaseAddress + 0x20, &parameters, (nuint)sizeof(nint), out _)
                || !Kernel32.ReadProcessMemory(handle, parameters + 0x70, &bytes, sizeof(ushort), out _)
                || !Kernel32.ReadProcessMemory(handle, parameters + 0x78, &text, (nuint)sizeof(nint), out _)
                || bytes == 0)
            {
                return null;
            }

            var chars = new char[bytes / sizeof(char)];
            fixed (char* into = chars)
            {
                return Kernel32.ReadProcessMemory(handle, text, into, bytes, out _) ? new string(chars) : null;
            }
        }
        finally
        {
            _ = Kernel32.CloseHandle(handle);
        }
    }

    // The last resort: the image path is still a name a sweep can match.
    [SupportedOSPlatform("windows")]
    private static unsafe string? ImagePathOf(nint handle)
    {
        var name = stackalloc char[1024];
        var chars = 1024;
        return Kernel32.QueryFullProcessImageName(handle, 0, name, ref chars) ? new string(name, 0, chars) : null;
    }

    [SupportedOSPlatform("windows")]
    private static ProcessUsage WindowsReadUsage(int pid) => WithProcess(pid, default(ProcessUsage), handle =>
    {
        var counters = new Kernel32.ProcessMemoryCounters { Cb = Marshal.SizeOf<Kernel32.ProcessMemoryCounters>() };
        var memory = Kernel32.GetProcessMemoryInfo(handle, ref counters, counters.Cb) ? (long)counters.WorkingSetSize : 0;
        var cpu = Kernel32.GetProcessTimes(handle, out _, out _, out var kernel, out var user) ? (kernel + user) / 1e7 : 0;
        return new ProcessUsage(cpu, memory);
    });

    // One query handle per read: held while reading, it keeps the pid from being reused under the read.
    [SupportedOSPlatform("windows")]
    private static T WithProcess<T>(int pid, T gone, Func<nint, T> read)
    {
        var handle = Kernel32.OpenProcess(Kernel32.ProcessQueryLimitedInformation, false, pid);
        if (handle == 0)
        {
            return gone;
        }

        try
        {
            return read(handle);
        }
        finally
        {
            _ = Kernel32.CloseHandle(handle);
        }
    }

    /// <summary>Every process in a Toolhelp32 snapshot: pid, parent pid and image name.</summary>
    [SupportedOSPlatform("windows")]
    internal static unsafe IReadOnlyList<(int Pid, int ParentPid, string Image)> ToolhelpEntries()
    {
        var snapshot = Kernel32.CreateToolhelp32Snapshot(Kernel32.Th32csSnapProcess, 0);
        if (snapshot is 0 or -1)
        {
            return [];
        }

        try
        {
            var result = new List<(int, int, string)>(256);
            var entry = new Kernel32.ProcessEntry32 { Size = sizeof(Kernel32.ProcessEntry32) };
            for (var more = Kernel32.Process32First(snapshot, ref entry); more; more = Kernel32.Process32Next(snapshot, ref entry))
            {
                result.Add((entry.ProcessId, entry.ParentProcessId, new string(entry.ExeFile)));
            }

            return result;
        }
        finally
        {
            _ = Kernel32.CloseHandle(snapshot);
        }
    }
}
