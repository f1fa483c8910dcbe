namespace Corral.Windows.Tests.Support;

/// <summary>
/// A fact that needs the owning pid of a listening socket from <c>GetExtendedTcpTable</c>. Wine 8 looks for the socket
/// among each process's own file descriptors, but a Winsock socket there is held by the wineserver, so the owner
/// comes back as pid 0 (later Wine asks the server instead): under Wine 8 the fact is skipped with that reason.
/// </summary>
public sealed class WineTcpOwnerFactAttribute : FactAttribute
{
    public WineTcpOwnerFactAttribute() => Skip = Wine.SkipReason
        ?? (Wine.IsWine7Or8
            ? $"{Wine.Version}: GetExtendedTcpTable(TCP_TABLE_OWNER_PID_LISTENER) returns owning pid 0 for Winsock sockets (the wineserver holds them)"
            : null);
}
