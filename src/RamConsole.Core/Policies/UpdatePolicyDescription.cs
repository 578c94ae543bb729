namespace RamConsole.Core.Policies;

/// <summary>UpdatePolicyDescription: returns the policy as it now is (so the caller needs no GetPolicy to see it).</summary>
public sealed class UpdatePolicyDescription(UseCaseServices services)
{
    public async Task<PolicyView> RunAsync(Caller caller, string policyName, string? newDescription, CancellationToken cancellationToken = default)
    {
        var name = RamNames.PolicyName(policyName);
        var description = RamNames.Text(newDescription, "NewDescription", 1024);
        var (change, policy) = await services.BeginChangeOfAsync(caller, RamActions.UpdatePolicyDescription, services.Resource("policy", name),
            db => db.FindCustomAsync(name, cancellationToken), cancellationToken);
        await using (change)
        {
            var before = new { policy.Description };
            policy.Description = description;
            policy.UpdatedAt = services.Time.GetUtcNow();
            var attachments = await change.Db.PolicyAttachments.CountAsync(a => a.PolicyType == Policy.Evaluation.PolicyRef.Custom && a.PolicyName == policy.Name, cancellationToken);
            await change.CommitAsync(before, new { policy.Description }, cancellationToken);
            return new PolicyView(policy.Name, Policy.Evaluation.PolicyRef.Custom, policy.Description, policy.DefaultVersion, policy.CreatedAt, policy.UpdatedAt, attachments);
        }
    }
}
