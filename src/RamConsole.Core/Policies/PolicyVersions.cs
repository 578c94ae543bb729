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
        var (change, policy) = await OpenAsync(caller, RamActions.CreatePolicyVersion, name, cancellationToken);
        await using (change)
        {
            if (await change.Db.PolicyVersions.CountAsync(v => v.PolicyId == policy.Id, cancellationToken) >= services.Limits.VersionsPerPolicy)
                throw RamErrors.LimitExceeded("Policy.Version", $"The policy {name} already has the maximum of {services.Limits.VersionsPerPolicy} versions; delete one first.");
            var now = services.Time.GetUtcNow();
            var version = new PolicyVersion { PolicyId = policy.Id, VersionId = $"v{policy.NextVersion}", Document = document, CreatedAt = now };
            policy.NextVersion++;
            var previousDefault = policy.DefaultVersion;
            if (setAsDefault) policy.DefaultVersion = version.VersionId;
            policy.UpdatedAt = now;
            change.Db.PolicyVersions.Add(version);
            await change.CommitAsync(new { DefaultVersion = previousDefault }, new { version.VersionId, SetAsDefault = setAsDefault, PolicyDocument = document }, cancellationToken);
            return new PolicyVersionView(version.VersionId, setAsDefault, document, now);
        }
    }

    public async Task<IReadOnlyList<PolicyVersionView>> ListAsync(Caller caller, string policyName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.PolicyName(policyName);
        await using var db = await services.BeginReadAsync(caller, RamActions.ListPolicyVersions, services.Resource("policy", name), cancellationToken);
        var policy = await db.FindCustomAsync(name, cancellationToken);
        var versions = await db.PolicyVersions.AsNoTracking().Where(v => v.PolicyId == policy.Id).ToListAsync(cancellationToken);
        return [.. versions.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.VersionId.Length).ThenByDescending(v => v.VersionId)
            .Select(v => new PolicyVersionView(v.VersionId, v.VersionId == policy.DefaultVersion, v.Document, v.CreatedAt))];
    }

    /// <summary>GetPolicyVersion: one version of a custom policy.</summary>
    public async Task<PolicyVersionView> GetAsync(Caller caller, string policyName, string versionId, CancellationToken cancellationToken = default)
    {
        var name = RamNames.PolicyName(policyName);
        await using var db = await services.BeginReadAsync(caller, RamActions.GetPolicyVersion, services.Resource("policy", name), cancellationToken);
        var policy = await db.FindCustomAsync(name, cancellationToken);
        var version = await db.PolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.PolicyId == policy.Id && v.VersionId == versionId, cancellationToken)
            ?? throw RamErrors.NotFound("Policy.Version", $"{name} {versionId}");
        return new PolicyVersionView(version.VersionId, version.VersionId == policy.DefaultVersion, version.Document, version.CreatedAt);
    }

    public async Task SetDefaultAsync(Caller caller, string policyName, string versionId, CancellationToken cancellationToken = default)
    {
        var name = RamNames.PolicyName(policyName);
        var (change, policy) = await OpenAsync(caller, RamActions.SetDefaultPolicyVersion, name, cancellationToken);
        await using (change)
        {
            if (!await change.Db.PolicyVersions.AnyAsync(v => v.PolicyId == policy.Id && v.VersionId == versionId, cancellationToken))
                throw RamErrors.NotFound("Policy.Version", $"{name} {versionId}");
            var before = new { policy.DefaultVersion };
            policy.DefaultVersion = versionId;
            policy.UpdatedAt = services.Time.GetUtcNow();
            await change.CommitAsync(before, new { policy.DefaultVersion }, cancellationToken);
        }
    }

    public async Task DeleteAsync(Caller caller, string policyName, string versionId, CancellationToken cancellationToken = default)
    {
        var name = RamNames.PolicyName(policyName);
        var (change, policy) = await OpenAsync(caller, RamActions.DeletePolicyVersion, name, cancellationToken);
        await using (change)
        {
            var version = await change.Db.PolicyVersions.SingleOrDefaultAsync(v => v.PolicyId == policy.Id && v.VersionId == versionId, cancellationToken)
                ?? throw RamErrors.NotFound("Policy.Version", $"{name} {versionId}");
            if (version.VersionId == policy.DefaultVersion)
                throw RamErrors.DeleteConflict("Policy.Version.Default", $"{versionId} is the default version of {name}; make another version the default first.");
            change.Db.PolicyVersions.Remove(version);
            await change.CommitAsync(new { version.VersionId, PolicyDocument = version.Document }, null, cancellationToken);
        }
    }

    private Task<(Changes.Change Change, CustomPolicy Policy)> OpenAsync(Caller caller, string action, string name, CancellationToken cancellationToken) =>
        services.BeginChangeOfAsync(caller, action, services.Resource("policy", name), db => db.FindCustomAsync(name, cancellationToken), cancellationToken);
}
