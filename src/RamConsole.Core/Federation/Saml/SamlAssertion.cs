namespace RamConsole.Core.Federation.Saml;

/// <summary>
/// What a verified SAML assertion says — read only from the element whose signature verified (or from the one
/// assertion inside a verified Response).
/// </summary>
public sealed record SamlAssertion(
    string AssertionId,
    string Issuer,
    string NameId,
    string? NameIdFormat,
    string Recipient,
    string? InResponseTo,
    DateTimeOffset NotOnOrAfter,
    string? AuthnContextClassRef,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes)
{
    public IReadOnlyList<string> Attribute(string name) => Attributes.TryGetValue(name, out var values) ? values : [];

    /// <summary>The NameID format's last part (<c>persistent</c>, <c>emailAddress</c>, …), as Alibaba's SubjectType shows it.</summary>
    public string SubjectType => NameIdFormat is { Length: > 0 } f ? f[(f.LastIndexOf(':') + 1)..] : "unspecified";
}

/// <summary>
/// What the caller of <see cref="SamlResponseValidator"/> expects: the audiences and recipients that make the assertion
/// ours, and how InResponseTo is checked.
/// </summary>
public sealed record SamlExpectations(IReadOnlyList<string> Audiences, IReadOnlyList<string> Recipients, SamlInResponseTo InResponseTo, string? RequestId = null);

public enum SamlInResponseTo
{
    /// <summary>STS: the assertion answered some sign-in flow elsewhere; InResponseTo is not ours to check.</summary>
    NotChecked,

    /// <summary>
    /// Console: an SP-initiated response must answer our pending request (<see cref="SamlExpectations.RequestId"/>); an
    /// unsolicited (IdP-initiated) one must not claim to answer anything.
    /// </summary>
    MatchPendingRequest,
}

/// <summary>Why an assertion was refused: <see cref="Code"/> is Alibaba's (<c>AuthenticationFail.SAMLAssertion.Invalid</c>, …).</summary>
public sealed class SamlRejectedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public RamException ToRamException() => new(Code, Message, 400, "SAMLAssertion");
}
