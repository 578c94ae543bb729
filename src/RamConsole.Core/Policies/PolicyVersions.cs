using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Authorization;
using RamConsole.Core.Errors;
using RamConsole.Core.Naming;

namespace RamConsole.Core.Policies;

/// <summary>
/// CreatePolicyVersion (optionally as default), ListPolicyVersions, GetPolicyVersion, SetDefaultPolicyVersion (which is
/// how to roll back) and DeletePolicyVersion (never the default). At most <c>Limits:VersionsPerPolicy</c> versions.
/// </summary>
public sealed class PolicyVersions(UseCaseServices services)
{
    public async Task<PolicyVersionView> CreateAsync(Caller caller, string policyName, string policyDocument, bool setAsDefault, CancellationToken cancellationToken = default)
    {
        var name = RamNames.PolicyName(policyName);
        var document = PolicyChecks.ValidDocument(policyDocument, services.Limits.PolicyDocumentLength);
        var resource = services.Resource("policy", name);
        await services.Gate.DemandAsync(caller, "ram:CreatePolicyVersion", resource, cancellationToken);
        await using var db = await services.OpenForChangeAsync(cancellationToken);
        var policy = await db.FindCustomAsync(name, cancellationToken);
        if (await db.PolicyVersions.CountAsync(v => v.PolicyId == policy.Id, cancellationToken) >= services.Limits.VersionsPerPolicy)
            throw RamErrors.LimitExceeded("Policy.Version", $"The policy {name} already has the maximum of {services.Limits.VersionsPerPolicy} versions; delete one first.");
        var now = services.Time.GetUtcNow();
        var version = new PolicyVersion { PolicyId = policy.Id, VersionId = $"v{policy.NextVersion}", Document = document, CreatedAt = now };
        policy.NextVersion++;
        var previousDefault = policy.DefaultVersion;
        if (setAsDefault) policy.DefaultVersion = version.VersionId;
        policy.UpdatedAt = now;
        db.PolicyVersions.Add(version);
        await services.CommitAsync(db, caller, "ram:CreatePolicyVersion", resource, new { DefaultVersion = previousDefault },
            new { version.VersionId, SetAsDefault = setAsDefault, PolicyDocument = document }, policiesChanged: setAsDefault, cancellationToken);
        return new PolicyVersionView(version.VersionId, setAsDefault, document, now);
    }

    public async Task<IReadOnlyList<PolicyVersionView>> ListAsync(Caller caller, string policyName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.PolicyName(policyName);
        await services.Gate.DemandAsync(caller, "ram:ListPolicyVersions", services.Resource("policy", name), cancellationToken);
        await using var db = await services.DbFactory.CreateDbContextAsync(cancellationToken);
        var policy = await db.FindCustomAsync(name, cancellationToken);
        var versions = await db.PolicyVersions.AsNoTracking().Where(v => v.PolicyId == policy.Id).ToListAsync(cancellationToken);
        return [.. versions.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.VersionId.Length).ThenByDescending(v => v.VersionId)
            .Select(v => new PolicyVersionView(v.VersionId, v.VersionId == policy.DefaultVersion, v.Document, v.CreatedAt))];
    }

    public async Task SetDefaultAsync(Caller caller, string policyName, string versionId, CancellationToken cancellationToken = default)
    {
        var name = RamNames.PolicyName(policyName);
        var resource = services.Resource("policy", name);
        await services.Gate.DemandAsync(caller, "ram:SetDefaultPolicyVersion", resource, cancellationToken);
        await using var db = await services.OpenForChangeAsync(cancellationToken);
        var policy = await db.FindCustomAsync(name, cancellationToken);
        if (!await db.PolicyVersions.AnyAsync(v => v.PolicyId == policy.Id && v.VersionId == versionId, cancellationToken))
            throw RamErrors.NotFound("Policy.Version", $"{name} {versionId}");
        var before = new { policy.DefaultVersion };
        policy.DefaultVersion = versionId;
        policy.UpdatedAt = services.Time.GetUtcNow();
        await services.CommitAsync(db, caller, "ram:SetDefaultPolicyVersion", resource, before, new { policy.DefaultVersion }, policiesChanged: true, cancellationToken);
    }

    public async Task DeleteAsync(Caller caller, string policyName, string versionId, CancellationToken cancellationToken = default)
    {
        var name = RamNames.PolicyName(policyName);
        var resource = services.Resource("policy", name);
        await services.Gate.DemandAsync(caller, "ram:DeletePolicyVersion", resource, cancellationToken);
        await using var db = await services.OpenForChangeAsync(cancellationToken);
        var policy = await db.FindCustomAsync(name, cancellationToken);
        var version = await db.PolicyVersions.SingleOrDefaultAsync(v => v.PolicyId == policy.Id && v.VersionId == versionId, cancellationToken)
            ?? throw RamErrors.NotFound("Policy.Version", $"{name} {versionId}");
        if (version.VersionId == policy.DefaultVersion)
            throw RamErrors.DeleteConflict("Policy.Version.Default", $"{versionId} is the default version of {name}; make another version the default first.");
        db.PolicyVersions.Remove(version);
        await services.CommitAsync(db, caller, "ram:DeletePolicyVersion", resource, new { version.VersionId, PolicyDocument = version.Document }, null,
            policiesChanged: false, cancellationToken);
    }
}
