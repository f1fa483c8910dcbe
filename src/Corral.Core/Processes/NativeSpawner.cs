using System.Runtime.InteropServices;
using Corral.Exceptions;
using Corral.Interop.Unix;

namespace Corral.Processes;

/// <summary>
/// Starts a detached program in one exec: into its cgroup, in its own session, with stdin from /dev/null and its
/// output appended to its log files, through <c>Native/corral_spawn.c</c>. Where that library is absent (built without a C
/// compiler) or <c>CORRAL_SPAWN=shell</c> is set, <see cref="IsAvailable"/> is false and launches go through
/// setsid and a shell as before.
/// </summary>
internal static class NativeSpawner
{
    internal const string ModeVariable = "CORRAL_SPAWN";
    private const int Version = 2;

    public static bool IsAvailable { get; } = Probe();

    /// <summary>The pid of the started program; a <see cref="LaunchException"/> says which call failed and why.</summary>
    public static unsafe int Spawn(string displayName, IReadOnlyList<string> argv, IEnumerable<string> environment, string cwd, string cgroupProcs, OutputFiles output)
    {
        var argvBlock = NullTerminated(argv);
        var envBlock = NullTerminated(environment);
        try
        {
            using var procs = File.OpenHandle(cgroupProcs, FileMode.Open, FileAccess.Write);
            var result = Native.Spawn(argv[0], argvBlock, envBlock, cwd, (int)procs.DangerousGetHandle(), output.Stdout, output.Stderr, newSession: 1);
            return result >= 0
                ? result
                : throw new LaunchException($"{displayName}: could not start '{argv[0]}': {Marshal.GetPInvokeErrorMessage(-result)}.");
        }
        finally
        {
            Free(argvBlock);
            Free(envBlock);
        }
    }

    private static unsafe byte** NullTerminated(IEnumerable<string> strings)
    {
        var list = strings as IReadOnlyCollection<string> ?? strings.ToList();
        var block = (byte**)NativeMemory.AllocZeroed((nuint)(list.Count + 1), (nuint)sizeof(byte*));
        var i = 0;
        foreach (var text in list)
        {
            block[i++] = (byte*)Marshal.StringToCoTaskMemUTF8(text);
        }

        return block;
    }

    private static unsafe void Free(byte** block)
    {
        for (var entry = block; *entry != null; entry++)
        {
            Marshal.FreeCoTaskMem((IntPtr)(*entry));
        }

        NativeMemory.Free(block);
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(ModeVariable) == "shell")
        {
            return false;
        }

        try
        {
            return Native.SpawnVersion() == Version;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
