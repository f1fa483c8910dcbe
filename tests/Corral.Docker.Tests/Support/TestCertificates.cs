using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Corral.Docker.Tests.Support;

/// <summary>A certificate authority made on the spot, and certificates it issues: as <c>docker</c>'s TLS set-up guide makes them.</summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly RSA authorityKey = RSA.Create(2048);

    public TestCertificates(string name)
    {
        var request = new CertificateRequest($"CN={name}", authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        Authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddDays(2));
    }

    public X509Certificate2 Authority { get; }

    /// <summary>A server certificate for 127.0.0.1, with its private key.</summary>
    public X509Certificate2 Server() => Issue("CN=127.0.0.1", server: true);

    /// <summary>A client certificate, with its private key.</summary>
    public X509Certificate2 Client(string subject) => Issue($"CN={subject}", server: false);

    /// <summary>Writes ca.pem, cert.pem and key.pem (a client certificate of this authority) into <paramref name="folder"/>, as DOCKER_CERT_PATH holds them.</summary>
    public void WriteClientFolder(string folder, string subject)
    {
        using var client = Client(subject);
        File.WriteAllText(Path.Combine(folder, "ca.pem"), Authority.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "cert.pem"), client.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "key.pem"), client.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        Authority.Dispose();
        authorityKey.Dispose();
    }

    private X509Certificate2 Issue(string subject, bool server)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [server ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(8);
        using var issued = request.Create(Authority, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), serial);
        var withKey = issued.CopyWithPrivateKey(key);

        // Through PKCS#12 so the key stays usable for a TLS handshake after this method's RSA object is gone.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
