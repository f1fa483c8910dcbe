using System.Text;
using System.Text.Json;
using Corral.Server.Tests.Support;
using Corral.Windows.Tests.Support;

namespace Corral.Windows.Tests;

/// <summary>"What holds port N?" on Windows (corral.exe under Wine), from the IP helper's owner tables (TCP listeners, UDP sockets).</summary>
public sealed class PortSpecs
{
    [WineFact(Timeout = 300_000)]
    public async Task Doctor_calls_a_port_with_a_listener_busy_and_a_port_without_one_free()
    {
        var (held, free, json) = await DoctorOnHeldAndFreePortAsync();
        Assert.False(held.GetProperty("free").GetBoolean(), json);
        Assert.True(free.GetProperty("free").GetBoolean(), json);
    }

    [WineTcpOwnerFact(Timeout = 300_000)]
    public async Task Doctor_names_the_process_listening_on_a_busy_port()
    {
        var (held, _, json) = await DoctorOnHeldAndFreePortAsync();
        Assert.True(held.GetProperty("pid").ValueKind == JsonValueKind.Number, json);
        Assert.Contains("serve", held.GetProperty("command").GetString(), StringComparison.Ordinal);
        Assert.Contains(held.GetProperty("port").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), held.GetProperty("command").GetString(), StringComparison.Ordinal);
    }

    [WineFact(Timeout = 300_000)]
    public async Task Doctor_calls_a_port_held_by_a_udp_socket_busy_over_udp()
    {
        // The game client's case (Unreal's 7777 is UDP): a bound UDP socket holds the port with no listener at all.
        // Wine's IP helper lists the machine's sockets, so one bound here, outside Wine, is in corral.exe's table.
        using var folder = new TempFolder("corral-wine-");
        using var holder = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var port = ((System.Net.IPEndPoint)holder.Client.LocalEndPoint!).Port;
        var output = new StringBuilder();

        using var doctor = Wine.Start(folder.Path, output, "doctor", "--ports", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        var code = await Wine.ExitCodeAsync(doctor);

        var json = output.ToString();
        var entry = JsonDocument.Parse(json[json.IndexOf('{', StringComparison.Ordinal)..]).RootElement.GetProperty("ports")[0];
        Assert.Equal(1, code);
        Assert.False(entry.GetProperty("free").GetBoolean(), json);
        Assert.Equal("udp", entry.GetProperty("protocol").GetString());
    }

    // A corral.exe daemon holds one port; corral.exe doctor is asked about it and about a port nobody holds.
    private static async Task<(JsonElement Held, JsonElement Free, string Json)> DoctorOnHeldAndFreePortAsync()
    {
        using var folder = new TempFolder("corral-wine-");
        var ports = new Corral.Ports.PortAllocator();
        var busy = ports.Allocate();
        var idle = ports.Allocate();
        var marker = busy.ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(folder.File("corral.yaml"), "strategy: local\nstate: \"state.db\"\ntypes: {}\n");
        var output = new StringBuilder();
        System.Diagnostics.Process? holder = null;
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{busy}/") };
        try
        {
            holder = Wine.Start(folder.Path, output, "serve", "--listen", $"127.0.0.1:{busy}", "--config", "corral.yaml");
            await Wine.UntilAsync(() => Wine.AnswersHealth(http), "the holder listens\n" + output);

            var doctorOutput = new StringBuilder();
            using var doctor = Wine.Start(folder.Path, doctorOutput, "doctor", "--ports", $"{busy},{idle}", "--json");
            await Wine.ExitCodeAsync(doctor);
            var json = doctorOutput.ToString();
            var report = JsonDocument.Parse(json[json.IndexOf('{', StringComparison.Ordinal)..]).RootElement.GetProperty("ports").Clone();
            JsonElement Port(int port) => report.EnumerateArray().Single(p => p.GetProperty("port").GetInt32() == port);
            return (Port(busy), Port(idle), json);
        }
        finally
        {
            Wine.KillAll(holder, marker);
        }
    }
}
