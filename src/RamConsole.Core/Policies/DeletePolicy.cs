using RamConsole.Policy.Evaluation;

namespace RamConsole.Core.Policies;

/// <summary>DeletePolicy (custom only): refused while attached or while non-default versions exist.</summary>
public sealed class DeletePolicy(UseCaseServices services)
{
    public async Task RunAsync(Caller caller, string policyName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.PolicyName(policyName);
        var (change, policy) = await services.BeginChangeOfAsync(caller, RamActions.DeletePolicy, services.Resource("policy", name),
            db => db.FindCustomAsync(name, cancellationToken), cancellationToken);
        await using (change)
        {
            var db = change.Db;
            var attachments = await db.PolicyAttachments.CountAsync(a => a.PolicyType == PolicyRef.Custom && a.PolicyName == name, cancellationToken);
            if (attachments > 0) throw RamErrors.DeleteConflict("Policy.Attachment", $"The policy {name} is attached to {attachments} principal(s); detach it first.");
            var versions = await db.PolicyVersions.Where(v => v.PolicyId == policy.Id).ToListAsync(cancellationToken);
            if (versions.Count > 1) throw RamErrors.DeleteConflict("Policy.Version", $"The policy {name} has {versions.Count - 1} non-default version(s); delete them first.");
            db.PolicyVersions.RemoveRange(versions);
            db.Policies.Remove(policy);
            await change.CommitAsync(new { PolicyName = name, policy.Description, PolicyDocument = versions.Single().Document }, null, cancellationToken);
        }
    }
}
