namespace Corral.Supervision;

/// <summary>
/// Rotates a log file that a live process appends to: copy to <c>.1</c> (older ones shift up to <c>.Keep</c>) and
/// truncate in place, so the writer's O_APPEND descriptor simply continues at the new end.
/// </summary>
public static class LogRotator
{
    /// <summary>Rotates when the file is larger than the limit; returns true when it did.</summary>
    public static bool RotateIfNeeded(string path, LogRotationSpec spec)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length <= spec.MaxSize)
        {
            return false;
        }

        if (spec.Keep <= 0)
        {
            Truncate(path);
            return true;
        }

        File.Delete($"{path}.{spec.Keep}");
        for (var i = spec.Keep - 1; i >= 1; i--)
        {
            if (File.Exists($"{path}.{i}"))
            {
                File.Move($"{path}.{i}", $"{path}.{i + 1}", overwrite: true);
            }
        }

        File.Copy(path, $"{path}.1", overwrite: true);
        Truncate(path);
        return true;
    }

    private static void Truncate(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        stream.SetLength(0);
    }
}
