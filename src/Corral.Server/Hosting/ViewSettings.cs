namespace Corral.Server.Hosting;

/// <summary>What the read side and the dashboard need to know about the server they run in.</summary>
public sealed record ViewSettings(string Strategy, bool ReadOnly, string? Token)
{
    public bool TokenRequired => !string.IsNullOrEmpty(Token);
}
