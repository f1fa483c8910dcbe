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
    // its own memory holds it (process parameters -> CommandLine, a UNICODE_STRING at 0x70 in the 64-bit layout).
    [SupportedOSPlatform("windows")]
    private static unsafe string? CommandLineFromPeb(int pid) => WithProcessParameters<string?>(pid, null, (handle, parameters) =>
    {
        ushort bytes = 0;
        nint text = 0;
        if (!Kernel32.ReadProcessMemory(handle, parameters + 0x70, &bytes, sizeof(ushort), out _)
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
    });

    /// <summary>
    /// The <c>CORRAL_</c> variables of another process: its environment block lies in its own memory (process
    /// parameters -> Environment at 0x80), <c>NAME=value</c> strings each ending in a NUL, the block in a second NUL.
    /// </summary>
    [SupportedOSPlatform("windows")]
    private static IReadOnlyDictionary<string, string> WindowsReadCorralEnvironment(int pid) =>
        WithProcessParameters(pid, NoTags, (handle, parameters) => ParseCorralVariables(ReadEnvironmentBlock(handle, parameters)));

    // Read page by page up to the closing double NUL: the block's size field is not filled in by every Windows (nor Wine),
    // and one read across the end of its mapping fails whole.
    [SupportedOSPlatform("windows")]
    private static unsafe string ReadEnvironmentBlock(nint handle, nint parameters)
    {
        const int limit = 1024 * 1024;
        nint address = 0;
        if (!Kernel32.ReadProcessMemory(handle, parameters + 0x80, &address, (nuint)sizeof(nint), out _) || address == 0)
        {
            return "";
        }

        var block = System.Buffers.ArrayPool<char>.Shared.Rent(limit / sizeof(char));
        try
        {
            return ReadUntilDoubleNul(handle, address, block);
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(block);
        }
    }

    [SupportedOSPlatform("windows")]
    private static unsafe string ReadUntilDoubleNul(nint handle, nint address, char[] block)
    {
        const int page = 4096;
        var length = 0;
        while (length < block.Length)
        {
            var chars = Math.Min((page - (int)(address % page)) / sizeof(char), block.Length - length);
            fixed (char* into = &block[length])
            {
                if (!Kernel32.ReadProcessMemory(handle, address, into, (nuint)(chars * sizeof(char)), out _))
                {
                    break;
                }
            }

            // The double NUL may straddle two pages: look again from the last character read before.
            var from = Math.Max(0, length - 1);
            length += chars;
            var end = block.AsSpan(from, length - from).IndexOf("\0\0");
            if (end >= 0)
            {
                return new string(block, 0, from + end);
            }

            address += chars * sizeof(char);
        }

        return new string(block, 0, length);
    }

    private static IReadOnlyDictionary<string, string> ParseCorralVariables(string block)
    {
        Dictionary<string, string>? result = null;
        foreach (var entry in block.Split('\0'))
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && entry.StartsWith("CORRAL_", StringComparison.OrdinalIgnoreCase))
            {
                result ??= new Dictionary<string, string>(StringComparer.Ordinal);
                result[entry[..eq].ToUpperInvariant()] = entry[(eq + 1)..];
            }
        }

        return result ?? NoTags;
    }

    // A handle that may read the process's memory and the address of its process parameters (PEB + 0x20, 64-bit).
    [SupportedOSPlatform("windows")]
    private static unsafe T WithProcessParameters<T>(int pid, T gone, Func<nint, nint, T> read)
    {
        var handle = Kernel32.OpenProcess(Kernel32.ProcessQueryInformation | Kernel32.ProcessVmRead, false, pid);
        if (handle == 0)
        {
            return gone;
        }

        try
        {
            var basic = default(Ntdll.BasicInformation);
            nint parameters = 0;
            return Ntdll.NtQueryInformationProcess(handle, Ntdll.ProcessBasicInformation, ref basic, Marshal.SizeOf<Ntdll.BasicInformation>(), out _) == 0
                && basic.PebBaseAddress != 0
                && Kernel32.ReadProcessMemory(handle, basic.PebBaseAddress + 0x20, &parameters, (nuint)sizeof(nint), out _)
                && parameters != 0
                    ? read(handle, parameters)
                    : gone;
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
