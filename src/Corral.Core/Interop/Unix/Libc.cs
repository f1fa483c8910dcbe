namespace Corral.Interop.Unix;

/// <summary>The name every Unix entry point binds to; resolved by the runtime per OS.</summary>
internal static class Libc
{
    internal const string Name = "libc";
}
