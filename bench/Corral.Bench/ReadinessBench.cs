using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Corral.Containment;
using Corral.Processes;
using Corral.Readiness;

namespace Corral.Bench;

/// <summary>
/// How long after a server starts listening readiness notices it: the bench opens the listener itself at a
/// known instant, at a random moment while the probe polls with the default interval.
/// </summary>
internal static class ReadinessBench
{
    private const int Trials = 20;
    private static readonly Corral.Ports.PortAllocator Ports = new();

    public static async Task DetectionLatencyAsync(ContainmentProvider provider, ProbeKind kind, ResultTable table)
    {
        var launcher = new ProcessLauncher(provider);
        await using var host = launcher.Start(new LaunchSpec("host", ["sleep", "100000"]));
        var samples = new List<TimeSpan>();
        var total = Stopwatch.StartNew();
        for (var trial = 0; trial < Trials; trial++)
        {
            var port = Ports.Allocate();
            var target = kind == ProbeKind.Tcp ? $"127.0.0.1:{port}" : $"http://127.0.0.1:{port}/status";
            var wait = ReadinessWaiter.WaitAsync(host, new ProbeSpec(kind, target), launcher, CancellationToken.None);
            await Task.Delay(Random.Shared.Next(50, 400));
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            var listening = Stopwatch.GetTimestamp();
            using var serving = new CancellationTokenSource();
            var server = ServeAsync(listener, serving.Token);
            await wait;
            samples.Add(Stopwatch.GetElapsedTime(listening));
            await serving.CancelAsync();
            listener.Stop();
            await server;
        }

        table.Add($"readiness detection ({kind.ToString().ToLowerInvariant()})", LifecycleBench.Name(provider), Trials, samples, total.Elapsed);
    }

    private static async Task ServeAsync(TcpListener listener, CancellationToken stop)
    {
        var answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
        try
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop);
                var stream = client.GetStream();
                var buffer = new byte[1024];
                _ = await stream.ReadAsync(buffer, stop);
                await stream.WriteAsync(answer, stop);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // The trial is over.
        }
    }
}
