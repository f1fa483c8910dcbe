using Corral.Docker.Containers;
using Corral.Docker.Engine;
using Corral.Exceptions;
using Corral.Execution;
using Corral.Processes;
using Corral.Supervision;

namespace Corral.Docker.Swarm;

/// <summary>
/// <c>strategy: swarm</c>: each bot is a Swarm service with the type's replicas, restart policy mapped to Swarm's,
/// the stop grace as its stop_grace_period. Corral is the control plane; Swarm places the work and restarts tasks.
/// </summary>
public sealed class SwarmStrategy(DockerClient docker, ProcessLauncher probes) : IExecutionStrategy
{
    public const string LocationPrefix = "swarm:";

    public string Name => "swarm";

    public string Containment => "swarm service";

    public ProcessLauncher ProbeLauncher => probes;

    /// <summary>Refuses to serve unless this node can create services: say so at start, not at the first launch.</summary>
    public static async Task CheckManagerAsync(DockerClient docker)
    {
        var info = await docker.InfoAsync().ConfigureAwait(false);
        if (!info.Swarm.ControlAvailable)
        {
            throw new CorralException(info.Swarm.LocalNodeState == "active"
                ? "This Docker node is a swarm worker; strategy swarm needs a manager node (docker node promote, or run corral on a manager)."
                : "This Docker engine is not part of a swarm; strategy swarm needs a manager: docker swarm init --advertise-addr 127.0.0.1.");
        }
    }

    // Service names are fixed by the unit's name: a corral killed before it recorded the service finds it by name.
    public UnitRecord Plan(UnitRequest request)
    {
        var name = EngineUnits.ContainerName(request);
        return new UnitRecord(request.UnitName, null, null, name, LocationPrefix + name, null, request.Launch.LogFile);
    }

    public async Task<IUnitHandle> StartAsync(UnitRequest request, CancellationToken cancel)
    {
        var spec = request.Launch;
        var image = request.Process.Image ?? throw new LaunchException($"{spec.DisplayName}: strategy swarm needs an image.");
        await EngineUnits.EnsureImageAsync(docker, image, $"{spec.Name} (type {request.Kind})", cancel).ConfigureAwait(false);
        foreach (var stale in await docker.ListServicesAsync($"{DockerStrategy.NameLabel}={spec.Name}", cancel).ConfigureAwait(false))
        {
            await docker.RemoveServiceAsync(stale.ID, cancel).ConfigureAwait(false);
        }

        var labels = EngineUnits.Labels(spec.Name, request.Kind);

        // Host files cannot follow a task to another node: the unit gets its config as JSON in the environment only.
        var environment = EngineUnits.Environment(spec, request.Files, mounted: false);
        var service = new ServiceSpec(
            EngineUnits.ContainerName(request),
            labels,
            new TaskTemplate(
                new ServiceContainerSpec(image, request.Process.Command.Count == 0 ? null : spec.Command, environment, labels,
                    spec.StopGrace.Ticks * 100, Signals.SignalNumbers.Name(spec.StopSignal))
                {
                    HealthCheck = ProbesLivenessItself(request) ? HealthCheck(request.Liveness!) : null,
                },
                RestartPolicy(request.Restart),
                [new ServiceNetwork("host")])
            {
                Resources = spec.Limits is { IsEmpty: false } limits
                    ? new ServiceResources(new ServiceResourceLimits(limits.MemoryBytes, limits.Cpus is { } cpus ? (long)(cpus * 1e9) : null, limits.Pids))
                    : null,
            },
            new ServiceMode(new ReplicatedMode(request.Process.Replicas)));
        var since = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var id = await docker.CreateServiceAsync(service, cancel).ConfigureAwait(false);
        return new ServiceUnit(docker, id, spec, adopted: false, since);
    }

    public async Task<IUnitHandle?> ReattachAsync(UnitRecord record, UnitRequest? request, CancellationToken cancel)
    {
        if (ServiceId(record) is not { } id || await docker.InspectServiceAsync(id, cancel).ConfigureAwait(false) is not { } service)
        {
            return null;
        }

        Sweep.Adoptions.RecordIfForeign(service.Spec.Labels.GetValueOrDefault(DockerStrategy.OwnerLabel), id);

        var spec = request?.Launch ?? new LaunchSpec(record.Name, []) { LogFile = record.LogFile };
        return new ServiceUnit(docker, id, spec, adopted: true, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    public async Task<IReadOnlyList<int>> CleanupAsync(UnitRecord record, CancellationToken cancel)
    {
        if (ServiceId(record) is { } id)
        {
            await docker.RemoveServiceAsync(id, cancel).ConfigureAwait(false);
        }

        return [];
    }

    public void Cleanup()
    {
    }

    /// <summary>Liveness with on_failure: restart is Swarm's own job: a task that turns unhealthy is replaced by the engine.</summary>
    public bool ProbesLivenessItself(UnitRequest request) => request.Liveness is { OnFailure: LivenessAction.Restart };

    // The probe run inside the task's container (so with its tools: busybox and most images have wget or nc).
    private static HealthConfig HealthCheck(LivenessSpec liveness)
    {
        var probe = liveness.Probe;
        var command = probe.Kind switch
        {
            Readiness.ProbeKind.Http => $"wget -q -O /dev/null '{probe.Target}' || curl -fsS -o /dev/null '{probe.Target}'",
            Readiness.ProbeKind.Tcp => $"nc -z {probe.Target[..probe.Target.LastIndexOf(':')]} {probe.Target[(probe.Target.LastIndexOf(':') + 1)..]}",
            _ => probe.Target,
        };
        return new HealthConfig(["CMD-SHELL", command], probe.Interval.Ticks * 100, probe.AttemptTimeout.Ticks * 100, liveness.FailureThreshold, 0);
    }

    // Corral's policies in Swarm's words: "none", "on-failure", "any"; backoff as the delay; max as max attempts.
    private static ServiceRestartPolicy RestartPolicy(RestartSpec restart) => new(
        restart.Policy switch
        {
            RestartPolicyKind.Always => "any",
            RestartPolicyKind.OnFailure => "on-failure",
            _ => "none",
        },
        restart.Backoff.Ticks * 100,
        restart.Policy == RestartPolicyKind.No ? null : restart.Max);

    private static string? ServiceId(UnitRecord record) =>
        record.Location is { } location && location.StartsWith(LocationPrefix, StringComparison.Ordinal) ? location[LocationPrefix.Length..] : null;
}
