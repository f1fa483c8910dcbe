using System.Text.Json;
using Corral.Cli.Output;

namespace Corral.Cli.Runs;

/// <summary>
/// Written by a running <c>corral up</c> beside its fleet file (<c>.corral/FLEET.run.json</c>) so that
/// <c>corral down FLEET</c> from another shell can find it by pid + start time, and <c>ps|logs|restart|events FLEET</c>
/// its private control address and token (the file is readable by its owner only).
/// </summary>
internal sealed record RunFile(
    string Owner, int Pid, string Fleet, DateTimeOffset StartedAt, bool DownRequested = false, string? ControlUrl = null, string? ControlToken = null,
    bool Ready = false)
{
    // This corral rewrites its record from two places (ready, and its control address once that serves): one at a time.
    private static readonly Lock Gate = new();

    public static string PathFor(string fleetFile)
    {
        var full = System.IO.Path.GetFullPath(fleetFile);
        return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, ".corral", System.IO.Path.GetFileName(full) + ".run.json");
    }

    public static string LogDirectoryFor(string fleetFile) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(fleetFile))!, ".corral", "logs");

    public static RunFile? Read(string fleetFile)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(PathFor(fleetFile)), CliJsonContext.Default.RunFile);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Write()
    {
        lock (Gate)
        {
            WriteUnlocked();
        }
    }

    private void WriteUnlocked()
    {
        var path = PathFor(Fleet);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        using (var stream = OperatingSystem.IsWindows()
            ? new FileStream(temporary, FileMode.Create, FileAccess.Write)
            : new FileStream(temporary, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
        {
            JsonSerializer.Serialize(stream, this, CliJsonContext.Default.RunFile);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Rewrites the record with <paramref name="change"/> if it is still this corral's (a newer up may have replaced it).</summary>
    public void Update(Func<RunFile, RunFile> change)
    {
        lock (Gate)
        {
            if (Read(Fleet) is { } current && current.Owner == Owner)
            {
                change(current).WriteUnlocked();
            }
        }
    }

    public void Delete()
    {
        // Only our own: a newer corral up of the same fleet may have replaced it.
        lock (Gate)
        {
            if (Read(Fleet) is { } current && current.Owner == Owner)
            {
                File.Delete(PathFor(Fleet));
            }
        }
    }
}
