namespace Corral.Exceptions;

/// <summary>The root of every error Corral reports; its message says what failed and what the user can do.</summary>
public class CorralException : Exception
{
    public CorralException(string message)
        : base(message)
    {
    }

    public CorralException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
