using RamConsole.Core.Authorization;
using RamConsole.Core.Naming;

namespace RamConsole.Core.Policies;

public sealed class UpdatePolicyDescription(UseCaseServices services)
{
    public const string Action = "ram:UpdatePolicyDescription";

    public async Task RunAsync(Caller caller, string policyName, string? newDescription, CancellationToken cancellationToken = default)
    {
        var name = RamNames.PolicyName(policyName);
        var description = RamNames.Text(newDescription, "NewDescription", 1024);
        var resource = services.Resource("policy", name);
        await services.Gate.DemandAsync(caller, Action, resource, cancellationToken);
        await using var db = await services.OpenForChangeAsync(cancellationToken);
        var policy = await db.FindCustomAsync(name, cancellationToken);
        var before = new { policy.Description };
        policy.Description = description;
        policy.UpdatedAt = services.Time.GetUtcNow();
        await services.CommitAsync(db, caller, Action, resource, before, new { policy.Description }, policiesChanged: false, cancellationToken);
    }
}
