using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Corral.TestDummy.Modes;

/// <summary>
/// A minimal HTTP server on 127.0.0.1: <c>GET /status</c> answers 200 with a body, once ready; 503 while the file
/// given by <c>--fail-while</c> exists (a liveness probe's failure, switched from outside).
/// </summary>
internal static class Listen
{
    public static int Run(string[] args)
    {
        var port = int.Parse(args[0], CultureInfo.InvariantCulture);
        var readyAfter = Options.Int(args, "--ready-after", 0);
        var body = Options.Text(args, "--body") ?? "ok";
        var failWhile = Options.Text(args, "--fail-while");
        using var ignore = Options.Flag(args, "--ignore-sigterm") ? Basic.IgnoreTerm() : null;
        Thread.Sleep(readyAfter);
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        Console.WriteLine($"listening on {port} pid {Environment.ProcessId}");
        while (true)
        {
            using var client = listener.AcceptTcpClient();
            Serve(client, body, failing: failWhile is not null && File.Exists(failWhile));
        }
    }

    private static void Serve(TcpClient client, string body, bool failing)
    {
        try
        {
            client.ReceiveTimeout = 2000;
            using var stream = client.GetStream();
            var buffer = new byte[4096];
            var read = stream.Read(buffer);
            var request = Encoding.ASCII.GetString(buffer, 0, read);
            var ok = request.StartsWith("GET /status", StringComparison.Ordinal);
            var content = !ok ? "not found" : failing ? "failing" : body;
            var line = !ok ? "404 Not Found" : failing ? "503 Service Unavailable" : "200 OK";
            var response = $"HTTP/1.1 {line}\r\nContent-Type: text/plain\r\nContent-Length: {Encoding.UTF8.GetByteCount(content)}\r\nConnection: close\r\n\r\n{content}";
            stream.Write(Encoding.UTF8.GetBytes(response));
        }
        catch (IOException)
        {
            // A probe that hung up early is not the server's problem.
        }
    }
}
