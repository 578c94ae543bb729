using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace RamConsole.Core.Federation.Oidc;

/// <summary>
/// The TLS rule for talking to an OIDC issuer (discovery and JWKS), as Alibaba's and AWS's OIDC providers pin: the
/// server's certificate must be for the host asked for, and the chain built from what the server sent, walked from its
/// certificate upwards, must reach a certificate whose SHA-1 fingerprint the provider lists — usually the top
/// intermediate the server sends — with every certificate up to and including it valid now, correctly signed by the
/// next and allowed to issue. That certificate is the trust anchor: the system's root store is neither needed nor
/// enough (a certificate from any public CA for the issuer's host is refused unless its chain passes a pinned one).
/// A pinned root the server does not send cannot be checked, so it is refused (fail closed): pin what it sends.
/// </summary>
public static class PinnedTls
{
    private const X509ChainStatusFlags AnchorStatuses = X509ChainStatusFlags.NoError | X509ChainStatusFlags.PartialChain | X509ChainStatusFlags.UntrustedRoot;

    public static bool Accept(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, IReadOnlySet<string> fingerprints)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            return false;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Only an unknown or untrusted top is tolerated here; the pinned certificate, below, is what is trusted.
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            chain.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
        }
        chain.Build(leaf);
        foreach (var element in chain.ChainElements)
        {
            foreach (var status in element.ChainElementStatus)
            {
                if ((status.Status & ~AnchorStatuses) != 0) return false; // expired, not yet valid, bad signature, not a CA…
            }
            if (fingerprints.Contains(element.Certificate.Thumbprint)) return true;
        }
        return false;
    }
}
