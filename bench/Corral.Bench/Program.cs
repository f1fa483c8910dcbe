using Corral.Bench;
using Corral.Containment;

// Prints one table per run. Run it on a quiet machine:
//   dotnet run -c Release --project bench/Corral.Bench [-- lifecycle|server|up|docker|targets|soak [minutes]]
// targets: the speed-and-footprint rows beside their targets, against CORRAL_BINARY (the published NativeAOT corral).
var which = args.Length > 0 ? args[0] : "all";
if (which is "soak")
{
    // soak [minutes]: an hour by default, RSS printed every five minutes.
    var minutes = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60;
    var growth = await SoakBench.RunAsync(TimeSpan.FromMinutes(minutes), TimeSpan.FromMinutes(Math.Min(5, Math.Max(1, minutes / 12))), print: true);
    Console.WriteLine($"RSS growth from the first sample to the last: {growth:+0.0;-0.0} MB");
    return;
}

if (which is "targets")
{
    await TargetsBench.RunAsync();
    return;
}

var table = new ResultTable();
if (which is "all" or "up")
{
    await UpBench.RunAsync(table);
}

if (which is "up")
{
    table.Print();
    return;
}

if (which is "docker")
{
    await ServerBench.RunDockerAsync(table);
    table.Print();
    return;
}

if (which is "all" or "server")
{
    await ServerBench.RunAsync(table);
}

if (which is "server")
{
    table.Print();
    return;
}

var kinds = new List<ContainmentPreference>();
if (CgroupContainmentProvider.TryCreate(out _) is not null)
{
    kinds.Add(ContainmentPreference.Cgroup);
}

kinds.Add(ContainmentPreference.Session);
foreach (var kind in kinds)
{
    var provider = ContainmentProvider.Detect(kind);
    foreach (var n in new[] { 1, 10, 100 })
    {
        await LifecycleBench.LaunchToRunningAsync(provider, n, table);
        await LifecycleBench.StopTreesAsync(provider, n, table);
    }

    await LifecycleBench.StopSigtermIgnorerAsync(provider, table);
    await ReadinessBench.DetectionLatencyAsync(provider, Corral.Readiness.ProbeKind.Tcp, table);
    await ReadinessBench.DetectionLatencyAsync(provider, Corral.Readiness.ProbeKind.Http, table);
    provider.Cleanup();
}

table.Print();
