using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Corral.Docker.Engine;
using Corral.Docker.Tests.Support;
using Corral.Server.Tests.Support;

namespace Corral.Docker.Tests;

/// <summary>
/// The engine is found and reached as the docker CLI does it: a Docker context, TLS with the certificates of
/// DOCKER_CERT_PATH (both ways checked), and every request on the API version agreed with the engine.
/// </summary>
public sealed class DockerEndpointSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task Over_tls_the_client_shows_its_certificate_and_asks_on_the_agreed_api_version()
    {
        using var certificates = new TestCertificates("corral-test-ca");
        using var folder = new TempFolder("corral-tls-");
        certificates.WriteClientFolder(folder.Path, "corral-client");
        using var serverCertificate = certificates.Server();
        await using var engine = new TlsEngineDouble(serverCertificate, certificates.Authority);
        using var client = new DockerClient(new DockerEndpoint(new Uri($"tcp://127.0.0.1:{engine.Port}")) { TlsCertificates = folder.Path });

        var info = await client.InfoAsync();

        Assert.Equal("tls-double", info.ServerVersion);
        Assert.Equal(["CN=corral-client: GET /version", "CN=corral-client: GET /v1.41/info"], engine.Requests);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_engine_whose_certificate_another_authority_issued_is_refused()
    {
        using var trusted = new TestCertificates("corral-trusted-ca");
        using var impostor = new TestCertificates("corral-impostor-ca");
        using var folder = new TempFolder("corral-tls-");
        trusted.WriteClientFolder(folder.Path, "corral-client");
        using var impostorCertificate = impostor.Server();
        await using var engine = new TlsEngineDouble(impostorCertificate, trusted.Authority);
        using var client = new DockerClient(new DockerEndpoint(new Uri($"tcp://127.0.0.1:{engine.Port}")) { TlsCertificates = folder.Path });

        var error = await Assert.ThrowsAsync<DockerUnreachableException>(() => client.InfoAsync());

        Assert.Contains($"tcp://127.0.0.1:{engine.Port}", error.Message, StringComparison.Ordinal);
        Assert.Empty(engine.Requests);
    }

    [Fact]
    public void Missing_tls_files_are_named_with_their_folder()
    {
        using var folder = new TempFolder("corral-tls-");

        var error = Assert.Throws<DockerException>(() => new DockerClient(new DockerEndpoint(new Uri("tcp://127.0.0.1:2376")) { TlsCertificates = folder.Path }));

        Assert.Contains($"ca.pem, cert.pem and key.pem in {folder.Path}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.41", "v1.41/")]
    [InlineData("1.47", "v1.47/")]
    [InlineData("1.52", "v1.47/")]
    public void The_api_version_is_the_engines_own_up_to_the_newest_corral_knows(string engine, string prefix)
    {
        var agreed = DockerApiVersion.Negotiate($$"""{"Version":"x","ApiVersion":"{{engine}}","MinAPIVersion":"1.24"}""");

        Assert.Equal(prefix, DockerApiVersion.PathPrefix(agreed));
    }

    [DockerFact(Timeout = 120_000)]
    public async Task The_current_docker_context_names_the_engine()
    {
        using var folder = new TempFolder("corral-context-");
        var socket = folder.File("engine.sock");
        File.CreateSymbolicLink(socket, DockerEndpoint.DefaultSocket);
        var meta = Path.Combine(folder.Path, "contexts", "meta", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("corral-ci"))));
        Directory.CreateDirectory(meta);
        File.WriteAllText(Path.Combine(meta, "meta.json"), """{"Name":"corral-ci","Metadata":{},"Endpoints":{"docker":{"Host":"unix://SOCKET"}}}""".Replace("SOCKET", socket, StringComparison.Ordinal));
        File.WriteAllText(folder.File("config.json"), """{"currentContext":"corral-ci"}""");
        var info = new ProcessStartInfo(Daemon.Binary, ["doctor"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["DOCKER_CONFIG"] = folder.Path;
        info.Environment.Remove("DOCKER_HOST");
        info.Environment.Remove("DOCKER_CONTEXT");

        using var doctor = Process.Start(info)!;
        try
        {
            var output = await doctor.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await doctor.WaitForExitAsync();

            Assert.Contains($"docker:       engine ", output, StringComparison.Ordinal);
            Assert.Contains($"at unix://{socket}", output, StringComparison.Ordinal);
        }
        finally
        {
            if (!doctor.HasExited)
            {
                doctor.Kill();
            }
        }
    }
}
