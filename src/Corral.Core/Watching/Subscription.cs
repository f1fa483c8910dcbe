namespace Corral.Watching;

/// <summary>Runs its action once, on the first dispose.</summary>
public sealed class Subscription(Action onDispose) : IDisposable
{
    private Action? onDispose = onDispose;

    public void Dispose() => Interlocked.Exchange(ref onDispose, null)?.Invoke();
}
