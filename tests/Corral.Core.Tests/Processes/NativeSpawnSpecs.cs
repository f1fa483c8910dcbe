using Corral.Containment;
using Corral.Processes;
using Corral.Server.Tests.Support;
using Corral.Tests.Support;

namespace Corral.Tests.Processes;

/// <summary>
/// The native spawner starts a detached program in one exec with everything the shell path gave it: its cgroup
/// from the first instruction, its own session, stdin from /dev/null, stdout and stderr appended to its log, default
/// signal dispositions, and an exit status corral reaps itself.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class NativeSpawnSpecs
{
    [NativeSpawnFact(Timeout = 180_000)]
    public async Task A_detached_program_starts_in_its_cgroup_and_session_with_its_output_in_its_log()
    {
        AssertSpawnerBuilt();
        using var folder = new TempFolder("corral-spawn-");
        var log = folder.File("bot.log");
        using var launcher = new ProcessLauncher(ContainmentProvider.Detect(ContainmentPreference.Cgroup));
        var bot = launcher.Start(Spec("bot", "echo out; echo err >&2; exec sleep 1000", log));
        try
        {
            await Wait.ForLineAsync(bot, "err");

            var info = ProcessTable.Get(bot.Pid)!;
            Assert.Equal(Environment.ProcessId, info.ParentPid);
            Assert.Equal(bot.Pid, info.Session);
            Assert.Equal("0::/" + Path.GetRelativePath(CgroupRoot(), bot.Unit.Location), File.ReadAllLines($"/proc/{bot.Pid}/cgroup").Single(l => l.StartsWith("0::", StringComparison.Ordinal)));
            Assert.Equal("/dev/null", Link(bot.Pid, 0));
            Assert.Equal(log, Link(bot.Pid, 1));
            Assert.Equal(log, Link(bot.Pid, 2));
            Assert.Contains("SigIgn:\t0000000000000000", File.ReadAllText($"/proc/{bot.Pid}/status"), StringComparison.Ordinal);
            Assert.Equal(bot.Unit.Id, ProcessTable.ReadCorralEnvironment(bot.Pid)[CorralEnvironment.Unit]);
            Assert.Equal(["out", "err"], File.ReadAllLines(log));

            var report = await bot.StopAsync();

            Assert.True(report.ProvenEmpty);
            Assert.Equal(128 + 15, report.ExitCode);
        }
        finally
        {
            await bot.StopAsync();
        }
    }

    [NativeSpawnFact(Timeout = 180_000)]
    public async Task With_a_stderr_file_the_two_streams_go_to_two_files_and_are_read_back_tagged()
    {
        AssertSpawnerBuilt();
        using var folder = new TempFolder("corral-spawn-");
        var log = folder.File("bot.log");
        var errors = folder.File("bot.stderr");
        File.WriteAllText(errors, "from an earlier run\n");
        using var launcher = new ProcessLauncher(ContainmentProvider.Detect(ContainmentPreference.Cgroup));
        var bot = launcher.Start(Spec("bot", "echo out; echo err >&2; exec sleep 1000", log) with { ErrorLogFile = errors });
        try
        {
            await Wait.ForLineAsync(bot, "err");
            await Wait.ForLineAsync(bot, "out");

            Assert.Equal(log, Link(bot.Pid, 1));
            Assert.Equal(errors, Link(bot.Pid, 2));
            Assert.Equal(["out"], File.ReadAllLines(log));
            Assert.Equal(["from an earlier run", "err"], File.ReadAllLines(errors));
            var lines = bot.Output.Tail(10);
            Assert.Equal(["err"], lines.Where(l => l.IsError).Select(l => l.Text));
            Assert.Equal(["out"], lines.Where(l => !l.IsError).Select(l => l.Text));
        }
        finally
        {
            Assert.True((await bot.StopAsync()).ProvenEmpty);
        }
    }

    [NativeSpawnFact(Timeout = 180_000)]
    public async Task Its_exit_code_is_reaped_and_reported()
    {
        AssertSpawnerBuilt();
        using var folder = new TempFolder("corral-spawn-");
        using var launcher = new ProcessLauncher(ContainmentProvider.Detect(ContainmentPreference.Cgroup));
        var bot = launcher.Start(Spec("quitter", "exit 3", folder.File("quitter.log")));
        try
        {
            Assert.Equal(3, await bot.Exited.WaitAsync(Wait.Long));
            Assert.Null(ProcessTable.Get(bot.Pid));
        }
        finally
        {
            await bot.StopAsync();
        }
    }

    [NativeSpawnFact]
    public void A_program_that_cannot_be_executed_fails_the_launch_with_the_reason_and_leaves_no_process()
    {
        AssertSpawnerBuilt();
        using var folder = new TempFolder("corral-spawn-");
        var notAProgram = folder.File("not-a-program");
        File.WriteAllBytes(notAProgram, [0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 0]);
        File.SetUnixFileMode(notAProgram, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        using var launcher = new ProcessLauncher(ContainmentProvider.Detect(ContainmentPreference.Cgroup));
        var spec = new LaunchSpec("broken", [notAProgram]) { LogFile = folder.File("broken.log"), DetachedOutput = true };

        var error = Assert.Throws<Corral.Exceptions.LaunchException>(() => launcher.Start(spec));

        Assert.Contains("Exec format error", error.Message, StringComparison.Ordinal);
        Assert.Empty(Os.CarriersOf(CorralEnvironment.Name, "broken"));
    }

    private static LaunchSpec Spec(string name, string script, string log) =>
        new(name, ["/bin/sh", "-c", script]) { LogFile = log, DetachedOutput = true, StopGrace = TimeSpan.FromSeconds(5) };

    // With a C compiler here, a missing spawner is a build defect, not a reason to test the shell path instead.
    private static void AssertSpawnerBuilt() =>
        Assert.True(NativeSpawner.IsAvailable, "a C compiler is installed, yet libcorralspawn.so was not built or not found beside the assemblies");

    private static string Link(int pid, int fd) => new FileInfo($"/proc/{pid}/fd/{fd}").LinkTarget!;

    private static string CgroupRoot() =>
        File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')).First(f => f[^3] == "cgroup2")[4];
}
