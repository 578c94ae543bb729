using RamConsole.Policy.Conditions;
using RamConsole.Policy.Evaluation;
using RamConsole.Policy.Matching;

namespace RamConsole.Policy.Documents;

public enum Effect : byte
{
    Allow,
    Deny,
}

/// <summary>An identity (permission) policy or a role's trust policy (which names principals instead of resources).</summary>
public enum PolicyDocumentKind : byte
{
    Identity,
    Trust,
}

/// <summary>A validated, compiled policy document: immutable and safe to share between threads and requests.</summary>
public sealed class PolicyDocument
{
    internal PolicyDocument(string text, PolicyDocumentKind kind, PolicyStatement[] statements)
    {
        Text = text;
        Kind = kind;
        Statements = statements;
    }

    /// <summary>The document as written.</summary>
    public string Text { get; }

    public PolicyDocumentKind Kind { get; }

    public IReadOnlyList<PolicyStatement> Statements { get; }
}

/// <summary>One compiled statement. <see cref="Index"/> is its 0-based position in the document's Statement array.</summary>
public sealed class PolicyStatement
{
    internal PolicyStatement(int index, Effect effect, Glob[] actions, bool notAction, Glob[] resources, bool notResource,
        TrustPrincipal? principal, Condition[] conditions)
    {
        Index = index;
        Effect = effect;
        Actions = actions;
        NotAction = notAction;
        Resources = resources;
        NotResource = notResource;
        Principal = principal;
        _conditions = conditions;
        _emptyRegionResources = [.. resources.Where(r => Arn.HasEmptyRegion(r.Pattern))];
    }

    private readonly Condition[] _conditions;

    public int Index { get; }
    public Effect Effect { get; }
    public bool NotAction { get; }
    public bool NotResource { get; }
    public TrustPrincipal? Principal { get; }
    public IReadOnlyList<Condition> Conditions => _conditions;
    public IEnumerable<string> ActionPatterns => Actions.Select(g => g.Pattern);
    /// <summary>The Resource/NotResource patterns as written (without the compiled <c>*</c>-region twins).</summary>
    public IReadOnlyList<string> ResourcePatterns { get; init; } = [];

    internal Glob[] Actions { get; }
    internal Glob[] Resources { get; }

    public bool MatchesAction(ReadOnlySpan<char> action) => AnyMatch(Actions, action) != NotAction;

    public bool MatchesResource(ReadOnlySpan<char> resource) =>
        AnyMatch(Resources, resource) || _emptyRegionResources.Length > 0 && MatchesWithoutStarRegion(resource)
            ? !NotResource
            : NotResource;

    // Only statements that name an empty region pay for this: acs:svc:*:… requests are retried as acs:svc::… against
    // those patterns alone (another pattern meeting the shortened text would be a match DESIGN §3 does not make).
    // Kept out of line so the stack buffer does not weigh on the common path.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private bool MatchesWithoutStarRegion(ReadOnlySpan<char> resource)
    {
        if (!Arn.HasStarRegion(resource)) return false;
        // On the stack up to 1 KiB; a longer resource (never one a service names) still matches, on the heap.
        Span<char> buffer = resource.Length <= 1024 ? stackalloc char[resource.Length] : new char[resource.Length];
        return AnyMatch(_emptyRegionResources, Arn.WithoutStarRegion(resource, buffer));
    }

    private readonly Glob[] _emptyRegionResources;

    internal bool ConditionsHold(ref EvaluationScratch scratch)
    {
        foreach (var condition in _conditions)
        {
            if (!condition.Holds(ref scratch)) return false;
        }
        return true;
    }

    private static bool AnyMatch(Glob[] globs, ReadOnlySpan<char> text)
    {
        foreach (var glob in globs)
        {
            if (glob.IsMatch(text)) return true;
        }
        return false;
    }
}

/// <summary>The <c>Principal</c> element of a trust policy: who may assume the role.</summary>
public sealed class TrustPrincipal(string[] ram, string[] service, string[] federated)
{
    public IReadOnlyList<string> Ram { get; } = ram;
    public IReadOnlyList<string> Service { get; } = service;
    public IReadOnlyList<string> Federated { get; } = federated;

    /// <summary>
    /// True when the caller is named: by its ARN, by its account's root (which trusts every RAM principal of that
    /// account, subject to their own policies), by <c>*</c>, or as a trusted service. RAM names are case-insensitive.
    /// Rules: an identity provider (a federated caller) is trusted only by a <c>Federated</c> entry naming exactly its
    /// ARN — never by <c>RAM: "*"</c> or the account root, which speak of RAM principals — and a RAM caller is never
    /// trusted by a <c>Federated</c> entry, so a user ARN smuggled into Federated grants nothing.
    /// </summary>
    public bool Trusts(TrustCaller caller)
    {
        if (caller.Service is { } service)
        {
            foreach (var s in Service) if (string.Equals(s, service, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }
        if (caller.Federated)
        {
            foreach (var entry in Federated) if (string.Equals(entry, caller.Arn, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }
        var accountRoot = $"acs:ram::{caller.AccountId}:root";
        foreach (var entry in Ram)
        {
            if (entry == "*" || string.Equals(entry, caller.Arn, StringComparison.OrdinalIgnoreCase)
                || string.Equals(entry, accountRoot, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}

/// <summary>
/// Who asks to assume a role: a RAM user (its ARN), a role session (the role's ARN), a cloud service, or — with
/// <see cref="Federated"/> — an identity provider (its <c>saml-provider/…</c> or <c>oidc-provider/…</c> ARN) vouching
/// for a person or workload through a verified assertion or token.
/// </summary>
public sealed record TrustCaller(string Arn, string AccountId, string? Service = null, bool Federated = false);
