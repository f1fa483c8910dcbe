using System.Runtime.InteropServices;

namespace Corral.Interop.Unix;

internal static partial class Native
{
    /// <summary>Corral's own spawner (Native/corral_spawn.c), built with the project where a C compiler exists.</summary>
    internal const string SpawnLibrary = "corralspawn";

    [LibraryImport(SpawnLibrary, EntryPoint = "corral_spawn", StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int Spawn(string path, byte** argv, byte** envp, string? cwd, int cgroupProcsFd, string? logPath, string? errPath, int newSession);

    [LibraryImport(SpawnLibrary, EntryPoint = "corral_spawn_version")]
    internal static partial int SpawnVersion();
}
