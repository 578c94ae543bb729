using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Authorization;
using RamConsole.Core.Errors;
using RamConsole.Core.Naming;

namespace RamConsole.Core.Policies;

/// <summary>DeletePolicy (custom only): refused while attached or while non-default versions exist.</summary>
public sealed class DeletePolicy(UseCaseServices services)
{
    public const string Action = "ram:DeletePolicy";

    public async Task RunAsync(Caller caller, string policyName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.PolicyName(policyName);
        var resource = services.Resource("policy", name);
        await services.Gate.DemandAsync(caller, Action, resource, cancellationToken);
        await using var db = await services.OpenForChangeAsync(cancellationToken);
        var policy = await db.FindCustomAsync(name, cancellationToken);
        var attachments = await db.PolicyAttachments.CountAsync(a => a.PolicyType == "Custom" && a.PolicyName == name, cancellationToken);
        if (attachments > 0) throw RamErrors.DeleteConflict("Policy.Attachment", $"The policy {name} is attached to {attachments} principal(s); detach it first.");
        var versions = await db.PolicyVersions.Where(v => v.PolicyId == policy.Id).ToListAsync(cancellationToken);
        if (versions.Count > 1) throw RamErrors.DeleteConflict("Policy.Version", $"The policy {name} has {versions.Count - 1} non-default version(s); delete them first.");
        db.PolicyVersions.RemoveRange(versions);
        db.Policies.Remove(policy);
        await services.CommitAsync(db, caller, Action, resource, new { PolicyName = name, policy.Description, PolicyDocument = versions.Single().Document }, null,
            policiesChanged: true, cancellationToken);
    }
}
