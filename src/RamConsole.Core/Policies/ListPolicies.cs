namespace RamConsole.Core.Policies;

public sealed record PolicyPage(IReadOnlyList<PolicyView> Policies, int TotalCount);

/// <summary>ListPolicies (system and custom, filtered by type and search) and GetPolicy (with its default document).</summary>
public sealed class ListPolicies(UseCaseServices services)
{
    public async Task<PolicyPage> RunAsync(Caller caller, string? policyType, string? search, int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await services.BeginReadAsync(caller, RamActions.ListPolicies, services.Resource("policy", "*"), cancellationToken);
        var term = search?.Trim() ?? "";
        var counts = await db.PolicyAttachments.AsNoTracking().GroupBy(a => new { a.PolicyType, a.PolicyName })
            .Select(g => new { g.Key.PolicyType, g.Key.PolicyName, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(string type, string name) =>
            counts.Where(c => c.PolicyType == type && string.Equals(c.PolicyName, name, StringComparison.OrdinalIgnoreCase)).Sum(c => c.Count);

        var system = policyType is null or "" or "System"
            ? SystemPolicies.Definitions.Where(d => Matches(d.Name, d.Description, term))
                .Select(d => new PolicyView(d.Name, "System", d.Description, "v1", null, null, Count("System", d.Name))).ToList()
            : [];
        var custom = policyType is null or "" or "Custom"
            ? (await db.Policies.AsNoTracking().Where(p => term == "" || p.Name.Contains(term) || (p.Description != null && p.Description.Contains(term)))
                .OrderBy(p => p.Name).ToListAsync(cancellationToken))
                .Select(p => new PolicyView(p.Name, "Custom", p.Description, p.DefaultVersion, p.CreatedAt, p.UpdatedAt, Count("Custom", p.Name))).ToList()
            : [];
        var all = system.Concat(custom).ToList();
        return new PolicyPage([.. all.Skip(Math.Max(offset, 0)).Take(Math.Clamp(limit, 1, 1000))], all.Count);
    }

    public async Task<(PolicyView Policy, string DefaultDocument)> GetAsync(Caller caller, string policyType, string policyName, CancellationToken cancellationToken = default)
    {
        var type = PolicyChecks.PolicyType(policyType);
        var name = RamNames.PolicyName(policyName);
        await using var db = await services.BeginReadAsync(caller, RamActions.GetPolicy, services.Resource("policy", name), cancellationToken);
        var attachments = await db.PolicyAttachments.CountAsync(a => a.PolicyType == type && a.PolicyName == name, cancellationToken);
        if (type == "System")
        {
            var definition = SystemPolicies.Definitions.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw RamErrors.NotFound("Policy", name);
            return (new PolicyView(definition.Name, "System", definition.Description, "v1", null, null, attachments), definition.Document);
        }
        var policy = await db.FindCustomAsync(name, cancellationToken);
        var document = await db.PolicyVersions.Where(v => v.PolicyId == policy.Id && v.VersionId == policy.DefaultVersion)
            .Select(v => v.Document).SingleAsync(cancellationToken);
        return (new PolicyView(policy.Name, "Custom", policy.Description, policy.DefaultVersion, policy.CreatedAt, policy.UpdatedAt, attachments), document);
    }

    private static bool Matches(string name, string description, string term) =>
        term.Length == 0 || name.Contains(term, StringComparison.OrdinalIgnoreCase) || description.Contains(term, StringComparison.OrdinalIgnoreCase);
}
