namespace Corral.Readiness;

public enum ProbeKind
{
    /// <summary>GET the URL; ready on 2xx (and the expected body substring, when given).</summary>
    Http,

    /// <summary>Ready once a TCP connect to host:port succeeds.</summary>
    Tcp,

    /// <summary>Ready once a line of the process's output matches the regular expression.</summary>
    Log,

    /// <summary>Ready once the command exits 0.</summary>
    Exec,
}
