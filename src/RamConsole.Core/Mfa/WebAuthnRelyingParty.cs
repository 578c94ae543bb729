using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.Extensions.Options;

namespace RamConsole.Core.Mfa;

/// <summary>Configuration section <c>WebAuthn</c>: who the relying party is and what it accepts.</summary>
public sealed class WebAuthnOptions
{
    public const string Section = "WebAuthn";

    /// <summary>RP ID (a registrable domain); empty: the host of the request.</summary>
    public string? RpId { get; set; }
    public string RpName { get; set; } = "RamConsole";

    /// <summary>Origins assertions may come from; empty: the request's own origin.</summary>
    public List<string> Origins { get; set; } = [];

    /// <summary>none | indirect | direct | enterprise. An AAGUID allow-list needs attestation (browsers zero the AAGUID under "none").</summary>
    public string AttestationConveyance { get; set; } = "none";

    /// <summary>If set, only authenticators with one of these AAGUIDs may be registered.</summary>
    public List<Guid> AllowedAaguids { get; set; } = [];
}

/// <summary>Where the browser is: the host and origin of the console request (the default RP ID and origin).</summary>
public sealed record WebAuthnSite(string Host, string Origin);

/// <summary>Builds the Fido2 relying party for a request (Fido2.AspNet is not available, so no <c>AddFido2</c>).</summary>
public sealed class WebAuthnRelyingParty(IOptions<WebAuthnOptions> options)
{
    public WebAuthnOptions Options => options.Value;

    public IFido2 For(WebAuthnSite site)
    {
        var o = options.Value;
        var config = new Fido2Configuration
        {
            RPID = string.IsNullOrWhiteSpace(o.RpId) ? site.Host : o.RpId,
            RPName = o.RpName,
            Origins = o.Origins.Count > 0 ? [.. o.Origins] : new HashSet<string> { site.Origin },
        };
        return new Fido2(config, metadataService: null!);
    }

    public AttestationConveyancePreference Conveyance => options.Value.AttestationConveyance.ToLowerInvariant() switch
    {
        "direct" => AttestationConveyancePreference.Direct,
        "indirect" => AttestationConveyancePreference.Indirect,
        "enterprise" => AttestationConveyancePreference.Enterprise,
        _ => AttestationConveyancePreference.None,
    };

    public bool IsAllowed(Guid aaguid) => options.Value.AllowedAaguids.Count == 0 || options.Value.AllowedAaguids.Contains(aaguid);
}
