using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using Corral.Exceptions;
using Corral.Interop.Windows;
using Microsoft.Win32.SafeHandles;

namespace Corral.Processes;

/// <summary>
/// Starts a Windows process inside its unit's Job Object before it runs its first instruction: created suspended,
/// assigned to the job, then resumed, so no child can be born outside. It gets its own process group (the target of
/// CTRL_BREAK), stdin from NUL, and its output in pipes (captured) or appended to its log files (detached).
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WindowsSpawner
{
    public sealed record Started(int Pid, SafeProcessHandle Process, (Stream Stdout, Stream Stderr)? Pipes);

    public static unsafe Started Start(string displayName, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment, string cwd, nint job, OutputFiles? logFiles, bool captureOutput, bool newConsole)
    {
        var inherit = new Kernel32.SecurityAttributes { Length = sizeof(Kernel32.SecurityAttributes), InheritHandle = 1 };
        var childEnds = new List<nint>();
        nint stdoutRead = 0, stderrRead = 0;
        try
        {
            var startup = new Kernel32.StartupInfo { Cb = sizeof(Kernel32.StartupInfo) };
            if (!newConsole && (logFiles is not null || captureOutput))
            {
                startup.Flags = Kernel32.StartfUseStdHandles;
                startup.StdInput = Open("NUL", Kernel32.GenericRead, Kernel32.OpenExisting, ref inherit, childEnds);
                if (logFiles is not null)
                {
                    startup.StdOutput = Open(logFiles.Stdout, Kernel32.FileAppendData, Kernel32.OpenAlways, ref inherit, childEnds);
                    startup.StdError = logFiles.Stderr is null
                        ? startup.StdOutput
                        : Open(logFiles.Stderr, Kernel32.FileAppendData, Kernel32.OpenAlways, ref inherit, childEnds);
                }
                else
                {
                    startup.StdOutput = Pipe(ref inherit, childEnds, out stdoutRead);
                    startup.StdError = Pipe(ref inherit, childEnds, out stderrRead);
                }
            }

            var flags = Kernel32.CreateSuspended | Kernel32.CreateUnicodeEnvironment | Kernel32.CreateNewProcessGroup
                | (newConsole ? Kernel32.CreateNewConsole : 0);
            var commandLine = (CommandLine(argv) + "\0").ToCharArray();
            var block = EnvironmentBlock(environment);
            Kernel32.ProcessInformation info;
            fixed (char* command = commandLine)
            fixed (char* env = block)
            fixed (char* directory = cwd)
            {
                if (!Kernel32.CreateProcess(null, command, 0, 0, startup.Flags != 0, flags, env, directory, ref startup, out info))
                {
                    throw new LaunchException($"{displayName}: could not start '{argv[0]}': {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
                }
            }

            if (!Kernel32.AssignProcessToJobObject(job, info.Process))
            {
                var error = Marshal.GetLastPInvokeError();
                _ = Kernel32.TerminateProcess(info.Process, 1);
                _ = Kernel32.CloseHandle(info.Thread);
                _ = Kernel32.CloseHandle(info.Process);
                throw new ContainmentException($"{displayName}: AssignProcessToJobObject failed: {Marshal.GetPInvokeErrorMessage(error)}");
            }

            _ = Kernel32.ResumeThread(info.Thread);
            _ = Kernel32.CloseHandle(info.Thread);
            var started = new Started(info.ProcessId, new SafeProcessHandle(info.Process, ownsHandle: true), stdoutRead == 0 ? null : (Reader(stdoutRead), Reader(stderrRead)));
            stdoutRead = stderrRead = 0;
            return started;
        }
        finally
        {
            // The child holds its own copies now: ours would keep the pipes open after it exits.
            childEnds.ForEach(handle => Kernel32.CloseHandle(handle));
            foreach (var unused in new[] { stdoutRead, stderrRead }.Where(h => h != 0))
            {
                _ = Kernel32.CloseHandle(unused);
            }
        }
    }

    /// <summary>The command line the child's C runtime splits back into exactly <paramref name="argv"/>.</summary>
    public static string CommandLine(IReadOnlyList<string> argv)
    {
        var line = new StringBuilder();
        foreach (var arg in argv)
        {
            if (line.Length > 0)
            {
                line.Append(' ');
            }

            if (arg.Length > 0 && arg.AsSpan().IndexOfAny(" \t\"") < 0)
            {
                line.Append(arg);
                continue;
            }

            line.Append('"');
            for (var i = 0; i < arg.Length; i++)
            {
                var backslashes = 0;
                while (i < arg.Length && arg[i] == '\\')
                {
                    i++;
                    backslashes++;
                }

                if (i == arg.Length)
                {
                    line.Append('\\', backslashes * 2);
                }
                else if (arg[i] == '"')
                {
                    line.Append('\\', (backslashes * 2) + 1).Append('"');
                }
                else
                {
                    line.Append('\\', backslashes).Append(arg[i]);
                }
            }

            line.Append('"');
        }

        return line.ToString();
    }

    private static char[] EnvironmentBlock(IReadOnlyDictionary<string, string> environment)
    {
        var block = new StringBuilder();
        foreach (var (key, value) in environment.OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase))
        {
            block.Append(key).Append('=').Append(value).Append('\0');
        }

        return block.Append('\0').ToString().ToCharArray();
    }

    private static nint Open(string path, uint access, uint disposition, ref Kernel32.SecurityAttributes inherit, List<nint> childEnds)
    {
        var handle = Kernel32.CreateFile(path, access, Kernel32.FileShareReadWriteDelete, ref inherit, disposition, 0, 0);
        if (handle is 0 or -1)
        {
            throw new LaunchException($"could not open '{path}' for the process: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        childEnds.Add(handle);
        return handle;
    }

    private static nint Pipe(ref Kernel32.SecurityAttributes inherit, List<nint> childEnds, out nint read)
    {
        if (!Kernel32.CreatePipe(out read, out var write, ref inherit, 0))
        {
            throw new LaunchException($"CreatePipe failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        childEnds.Add(write);
        _ = Kernel32.SetHandleInformation(read, Kernel32.HandleFlagInherit, 0);
        return write;
    }

    private static FileStream Reader(nint handle) => new(new SafeFileHandle(handle, ownsHandle: true), FileAccess.Read, 1, isAsync: false);
}
