using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corral.Docker.Engine;

// The slices of the Engine API's objects Corral reads and writes; names are the API's own (PascalCase).

public sealed record ContainerCreateRequest(
    string Image,
    IReadOnlyList<string>? Cmd,
    IReadOnlyList<string> Env,
    IReadOnlyDictionary<string, string> Labels,
    string? StopSignal,
    int? StopTimeout,
    HostConfig HostConfig);

public sealed record HostConfig(string NetworkMode, IReadOnlyList<string>? Binds, bool? Init = null)
{
    /// <summary>Memory limit in bytes (the unit's <c>limits.memory</c>); swap is held to the same so the limit is met.</summary>
    public long? Memory { get; init; }

    public long? MemorySwap { get; init; }

    /// <summary>CPU limit in billionths of a CPU (<c>limits.cpus</c> × 10⁹).</summary>
    public long? NanoCpus { get; init; }

    public long? PidsLimit { get; init; }
}

public sealed record CreatedResponse(string Id);

public sealed record ContainerState(string Status, bool Running, int Pid, int ExitCode, string? StartedAt, string? Error)
{
    public bool OOMKilled { get; init; }
}

public sealed record ContainerConfig(IReadOnlyDictionary<string, string>? Labels, IReadOnlyList<string>? Cmd, string Image);

public sealed record ContainerInspect(string Id, string Name, ContainerState State, ContainerConfig Config)
{
    public HostConfig? HostConfig { get; init; }
}

public sealed record ContainerSummary(string Id, IReadOnlyList<string> Names, string State, IReadOnlyDictionary<string, string>? Labels);

public sealed record WaitResponse(int StatusCode);

public sealed record TopResponse(IReadOnlyList<string>? Titles, IReadOnlyList<IReadOnlyList<string>>? Processes);

public sealed record SwarmInfo(string LocalNodeState, bool ControlAvailable, string? NodeID);

public sealed record EngineInfo(string ServerVersion, SwarmInfo Swarm);

public sealed record ErrorResponse(string Message);

public sealed record ServiceSpec(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    TaskTemplate TaskTemplate,
    ServiceMode Mode);

public sealed record TaskTemplate(ServiceContainerSpec ContainerSpec, ServiceRestartPolicy RestartPolicy, IReadOnlyList<ServiceNetwork>? Networks = null)
{
    public ServiceResources? Resources { get; init; }
}

public sealed record ServiceResources(ServiceResourceLimits Limits);

/// <summary>A task's limits: <c>NanoCPUs</c> is spelled so by the engine.</summary>
public sealed record ServiceResourceLimits(long? MemoryBytes, [property: JsonPropertyName("NanoCPUs")] long? NanoCpus, long? Pids);

/// <summary>A container health check; durations in nanoseconds. Swarm replaces a task that turns unhealthy.</summary>
public sealed record HealthConfig(IReadOnlyList<string> Test, long Interval, long Timeout, int Retries, long StartPeriod);

public sealed record ServiceNetwork(string Target);

public sealed record ServiceContainerSpec(
    string Image,
    IReadOnlyList<string>? Args,
    IReadOnlyList<string> Env,
    IReadOnlyDictionary<string, string> Labels,
    long StopGracePeriod,
    string? StopSignal)
{
    public HealthConfig? HealthCheck { get; init; }
}

public sealed record ServiceRestartPolicy(string Condition, long Delay, int? MaxAttempts);

public sealed record ServiceMode(ReplicatedMode Replicated);

public sealed record ReplicatedMode(int Replicas);

public sealed record ServiceVersion(long Index);

public sealed record ServiceInspect(string ID, ServiceVersion Version, ServiceSpec Spec);

public sealed record TaskContainerStatus(string? ContainerID, int? PID, int? ExitCode);

public sealed record TaskStatus(string State, string? Message, string? Err, TaskContainerStatus? ContainerStatus);

public sealed record SwarmTask(string ID, string? NodeID, int? Slot, string DesiredState, TaskStatus Status);

public sealed record NodeDescription(string Hostname);

public sealed record SwarmNode(string ID, NodeDescription Description);

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ContainerCreateRequest))]
[JsonSerializable(typeof(CreatedResponse))]
[JsonSerializable(typeof(ContainerInspect))]
[JsonSerializable(typeof(List<ContainerSummary>))]
[JsonSerializable(typeof(WaitResponse))]
[JsonSerializable(typeof(TopResponse))]
[JsonSerializable(typeof(EngineInfo))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ServiceSpec))]
[JsonSerializable(typeof(ServiceInspect))]
[JsonSerializable(typeof(List<SwarmTask>))]
[JsonSerializable(typeof(List<SwarmNode>))]
[JsonSerializable(typeof(List<ServiceInspect>))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class DockerJsonContext : JsonSerializerContext;
