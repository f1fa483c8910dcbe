namespace Corral.Cli;

/// <summary>Every exit code corral can return, in one place; README.md documents the same table.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int InvalidConfig = 3;
    public const int PortInUse = 4;
    public const int ReadinessFailed = 5;
    public const int LaunchFailed = 6;
    public const int TeardownFailed = 7;
    public const int ContainmentUnavailable = 8;
    public const int DaemonUnreachable = 9;
    public const int RequestRejected = 10;

    /// <summary>128 + the signal number, as shells report a process ended by a signal.</summary>
    public const int HangUp = 129;
    public const int Interrupted = 130;
    public const int Quit = 131;
    public const int Terminated = 143;
}
