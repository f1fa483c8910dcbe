using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Corral.Interop.Unix;
using Corral.Processes;

namespace Corral.Watching;

/// <summary>
/// One thread blocked in <c>epoll_wait</c> on an inotify descriptor (file changes) and on pidfds (process exits):
/// it runs only when the kernel has news. Files are watched through their directory, so a log that does not
/// exist yet, or is truncated by rotation, is still followed.
/// </summary>
internal sealed unsafe class EpollWatcher : ChangeWatcher
{
    private const uint DirectoryMask = Native.InModify | Native.InCloseWrite | Native.InCreate | Native.InMovedTo | Native.InAttrib;
    private readonly int epoll;
    private readonly int inotify;
    private readonly int wake;
    private readonly Lock gate = new();
    private readonly Dictionary<int, WatchedDirectory> byDescriptor = [];
    private readonly Dictionary<string, WatchedDirectory> byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<int, TaskCompletionSource> exits = [];
    private readonly Thread thread;
    private volatile bool disposed;

    private EpollWatcher(int epoll, int inotify, int wake)
    {
        this.epoll = epoll;
        this.inotify = inotify;
        this.wake = wake;
        thread = new Thread(Run) { IsBackground = true, Name = "corral-watcher" };
        thread.Start();
    }

    public static EpollWatcher? TryCreate()
    {
        var epoll = Native.EpollCreate1(Native.EpollCloExec);
        var inotify = Native.InotifyInit1(Native.InotifyNonBlock | Native.InotifyCloExec);
        var wake = Native.EventFd(0, Native.EfdCloExec | Native.EfdNonBlock);
        if (epoll < 0 || inotify < 0 || wake < 0 || !Add(epoll, inotify) || !Add(epoll, wake))
        {
            foreach (var fd in new[] { epoll, inotify, wake }.Where(fd => fd >= 0))
            {
                _ = Native.Close(fd);
            }

            return null;
        }

        return new EpollWatcher(epoll, inotify, wake);
    }

    public override IDisposable WatchFile(string path, Action onChange)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        lock (gate)
        {
            if (!byPath.TryGetValue(directory, out var watched))
            {
                // A log's folder may not exist before the first launch; the process would create it anyway.
                Directory.CreateDirectory(directory);
                var wd = Native.InotifyAddWatch(inotify, directory, DirectoryMask);
                if (wd < 0)
                {
                    throw new IOException($"Cannot watch {directory}: errno {Marshal.GetLastPInvokeError()}.");
                }

                watched = new WatchedDirectory(wd, directory);
                byPath[directory] = watched;
                byDescriptor[wd] = watched;
            }

            watched.Add(name, onChange);
            return new Subscription(() => Unwatch(watched, name, onChange));
        }
    }

    public override Task WaitExitAsync(ProcessId id, CancellationToken cancel = default)
    {
        var fd = (int)Native.Syscall(Native.SysPidfdOpen, id.Pid, 0, 0, 0);
        if (fd < 0)
        {
            // ESRCH: already gone and reaped. ENOSYS/EPERM: no pidfds here, so ask the process table.
            return Marshal.GetLastPInvokeError() == Errno.ESRCH ? Task.CompletedTask : PollExitAsync(id, cancel);
        }

        // The pid is pinned now: if it names another process than the one we mean, ours has already ended.
        if (!ProcessTable.IsAlive(id))
        {
            _ = Native.Close(fd);
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            exits[fd] = done;
        }

        if (!Add(epoll, fd))
        {
            Forget(fd);
            return PollExitAsync(id, cancel);
        }

        if (cancel.CanBeCanceled)
        {
            cancel.Register(() =>
            {
                if (Forget(fd) is { } pending)
                {
                    pending.TrySetCanceled(cancel);
                }
            });
        }

        return done.Task;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;
            ulong one = 1;
            _ = Native.Write(wake, (byte*)&one, sizeof(ulong));
            thread.Join(TimeSpan.FromSeconds(5));
            lock (gate)
            {
                foreach (var (fd, done) in exits)
                {
                    _ = Native.Close(fd);
                    done.TrySetCanceled();
                }

                exits.Clear();
            }

            _ = Native.Close(inotify);
            _ = Native.Close(wake);
            _ = Native.Close(epoll);
        }

        base.Dispose(disposing);
    }

    private static bool Add(int epoll, int fd)
    {
        var size = Native.EpollEventSize;
        var ev = stackalloc byte[16];
        new Span<byte>(ev, 16).Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(new Span<byte>(ev, size), Native.EpollIn);
        BinaryPrimitives.WriteInt64LittleEndian(new Span<byte>(ev + Native.EpollDataOffset, 8), fd);
        return Native.EpollCtl(epoll, Native.EpollCtlAdd, fd, ev) == 0;
    }

    private TaskCompletionSource? Forget(int fd)
    {
        lock (gate)
        {
            if (!exits.Remove(fd, out var done))
            {
                return null;
            }

            _ = Native.EpollCtl(epoll, Native.EpollCtlDel, fd, null);
            _ = Native.Close(fd);
            return done;
        }
    }

    private void Unwatch(WatchedDirectory watched, string name, Action onChange)
    {
        lock (gate)
        {
            watched.Remove(name, onChange);
            if (watched.IsEmpty && byPath.Remove(watched.Path))
            {
                byDescriptor.Remove(watched.Descriptor);
                _ = Native.InotifyRmWatch(inotify, watched.Descriptor);
            }
        }
    }

    private void Run()
    {
        var size = Native.EpollEventSize;
        var events = new byte[size * 64];
        var notifications = new byte[64 * 1024];
        while (!disposed)
        {
            int count;
            fixed (byte* buffer = events)
            {
                count = Native.EpollWait(epoll, buffer, 64, -1);
            }

            if (count < 0)
            {
                continue;
            }

            CountWakeup();
            for (var i = 0; i < count; i++)
            {
                var fd = (int)BinaryPrimitives.ReadInt64LittleEndian(events.AsSpan(i * size + Native.EpollDataOffset, 8));
                if (fd == wake)
                {
                    return;
                }

                if (fd == inotify)
                {
                    DrainNotifications(notifications);
                }
                else
                {
                    Forget(fd)?.TrySetResult();
                }
            }
        }
    }

    private void DrainNotifications(byte[] buffer)
    {
        var changed = new List<Action>();
        while (true)
        {
            nint read;
            fixed (byte* start = buffer)
            {
                read = Native.Read(inotify, start, buffer.Length);
            }

            if (read <= 0)
            {
                break;
            }

            lock (gate)
            {
                // struct inotify_event { int wd; uint32 mask; uint32 cookie; uint32 len; char name[len]; }
                for (var offset = 0; offset + 16 <= read;)
                {
                    var wd = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(offset));
                    var mask = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset + 4));
                    var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset + 12));
                    var name = Encoding.UTF8.GetString(buffer, offset + 16, length).TrimEnd('\0');
                    offset += 16 + length;
                    if ((mask & Native.InQOverflow) != 0)
                    {
                        // The kernel dropped events it had no room for: any watched file may have changed unseen.
                        // Each watch reads what is new, so waking them all costs a read, and a missed line costs a bot.
                        changed.AddRange(byDescriptor.Values.SelectMany(w => w.AllWatchers()));
                    }
                    else if (byDescriptor.TryGetValue(wd, out var watched) && watched.Watchers(name) is { } watchers)
                    {
                        changed.AddRange(watchers);
                    }
                }
            }
        }

        foreach (var onChange in changed.Distinct())
        {
            try
            {
                onChange();
            }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
            {
                // A watch disposed while its notification was on the way: nobody waits for it any more.
            }
        }
    }

    private sealed class WatchedDirectory(int descriptor, string path)
    {
        public int Descriptor { get; } = descriptor;

        public string Path { get; } = path;

        // By file name: a folder of a thousand bots' logs gets a notification per write, each for one file.
        private readonly Dictionary<string, List<Action>> byName = new(StringComparer.Ordinal);

        public bool IsEmpty => byName.Count == 0;

        public List<Action>? Watchers(string name) => byName.GetValueOrDefault(name);

        public IEnumerable<Action> AllWatchers() => byName.Values.SelectMany(w => w);

        public void Add(string name, Action onChange)
        {
            if (!byName.TryGetValue(name, out var watchers))
            {
                byName[name] = watchers = [];
            }

            watchers.Add(onChange);
        }

        public void Remove(string name, Action onChange)
        {
            if (byName.TryGetValue(name, out var watchers) && watchers.Remove(onChange) && watchers.Count == 0)
            {
                byName.Remove(name);
            }
        }
    }
}
