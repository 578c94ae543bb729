namespace RamConsole.Core.Policies;

/// <summary>CreatePolicy: a custom policy with its first version (v1, the default), validated by the engine.</summary>
public sealed class CreatePolicy(UseCaseServices services)
{
    public sealed record Request(string PolicyName, string PolicyDocument, string? Description = null);

    public async Task<PolicyView> RunAsync(Caller caller, Request request, CancellationToken cancellationToken = default)
    {
        var name = RamNames.PolicyName(request.PolicyName);
        var description = RamNames.Text(request.Description, "Description", 1024);
        var document = PolicyChecks.ValidDocument(request.PolicyDocument, services.Limits.PolicyDocumentLength);
        var resource = services.Resource("policy", name);
        await using var change = await services.BeginChangeAsync(caller, RamActions.CreatePolicy, resource, cancellationToken);
        var db = change.Db;
        if (SystemPolicies.ByName.ContainsKey(name) || await db.Policies.AnyAsync(p => p.Name == name, cancellationToken))
            throw RamErrors.AlreadyExists("Policy", name, "PolicyName");
        if (await db.Policies.CountAsync(cancellationToken) >= services.Limits.CustomPolicies)
            throw RamErrors.LimitExceeded("Policy", $"The account already has the maximum of {services.Limits.CustomPolicies} custom policies.");
        var now = services.Time.GetUtcNow();
        await change.AllOrNothingAsync(cancellationToken); // two saves, one commit
        var policy = new CustomPolicy { Name = name, Description = description, DefaultVersion = "v1", NextVersion = 2, CreatedAt = now, UpdatedAt = now };
        db.Policies.Add(policy);
        await db.SaveChangesAsync(cancellationToken); // the version row needs the policy's id
        db.PolicyVersions.Add(new PolicyVersion { PolicyId = policy.Id, VersionId = "v1", Document = document, CreatedAt = now });
        await change.CommitAsync(null, new { PolicyName = name, Description = description, PolicyDocument = document }, cancellationToken);
        return new PolicyView(name, "Custom", description, "v1", now, now, 0);
    }
}
