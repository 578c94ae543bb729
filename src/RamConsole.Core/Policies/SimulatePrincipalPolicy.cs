using RamConsole.Policy.Simulation;

namespace RamConsole.Core.Policies;

/// <summary>
/// SimulatePrincipalPolicy: decides a request with the policies that apply to a user now (direct and through groups),
/// without the user doing anything. Reveals what a principal may do, so it needs its own permission.
/// </summary>
public sealed class SimulatePrincipalPolicy(UseCaseServices services)
{
    public async Task<SimulationResult> RunAsync(Caller caller, string userName, string action, string resource,
        IReadOnlyDictionary<string, string> context, CancellationToken cancellationToken = default)
    {
        var name = RamNames.UserName(userName);
        await using (var db = await services.BeginReadAsync(caller, RamActions.SimulatePrincipalPolicy, services.Resource("user", name), cancellationToken))
        {
            await Users.UserLookup.FindUserAsync(db, name, cancellationToken);
        }
        var applied = await services.EffectivePolicies.ForUserDetailedAsync(name, cancellationToken);
        var withPrincipal = new Dictionary<string, string>(context, StringComparer.OrdinalIgnoreCase)
        {
            [Policy.Evaluation.ContextKeys.PrincipalArn] = Account.Arns.User(services.Account.AccountId, name),
        };
        return PolicySimulator.Simulate([.. applied.Select(a => a.Policy).Distinct()], null, action, resource, withPrincipal);
    }
}
