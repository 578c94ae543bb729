namespace RamConsole.Core.Federation;

/// <summary>
/// Settings of SSO (section <c>Sso</c>). <see cref="PublicUrl"/> is this installation's address as browsers and IdPs
/// reach it (https in production): the SP entity id, the assertion consumer addresses and the Recipient checked in
/// every assertion are built from it — never from a request's Host header, which an attacker chooses.
/// </summary>
public sealed class SsoOptions
{
    public const string Section = "Sso";

    /// <summary>e.g. <c>https://ram.example.com</c>; unset: console SSO is off (the API's role SSO still accepts Alibaba's Recipient).</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Clock skew allowed, both directions, on NotBefore/NotOnOrAfter, exp/nbf/iat (default 2 minutes).</summary>
    public int ClockSkewSeconds { get; set; } = 120;

    /// <summary>The account's default domain is <c>&lt;alias&gt;.&lt;suffix&gt;</c> (Alibaba's <c>onaliyun.com</c> by default).</summary>
    public string DefaultDomainSuffix { get; set; } = "onaliyun.com";

    public TimeSpan ClockSkew => TimeSpan.FromSeconds(Math.Clamp(ClockSkewSeconds, 0, 600));

    public string? Base => string.IsNullOrWhiteSpace(PublicUrl) ? null : PublicUrl.Trim().TrimEnd('/');

    /// <summary>Our SP's entity id for user SSO (the Audience of user assertions).</summary>
    public string? SpEntityId => Base is { } b ? b + "/saml/SpMetadata.xml" : null;

    /// <summary>Where user assertions are posted (their Recipient).</summary>
    public string? UserAcsUrl => Base is { } b ? b + "/saml/SSO" : null;

    /// <summary>Where role assertions are posted to sign in to the console as a role.</summary>
    public string? RoleAcsUrl => Base is { } b ? b + "/saml-role/sso" : null;
}
