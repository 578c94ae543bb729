using RamConsole.Policy.Simulation;

namespace RamConsole.Core.Policies;

/// <summary>
/// Runs the policy simulator for a caller (console page and, later, the API's SimulateCustomPolicy). It reads no
/// account data, but it is still an admin action behind the gate, like everything else.
/// </summary>
public sealed class SimulateCustomPolicy(UseCaseServices services)
{
    public async Task<SimulationResult> RunAsync(Caller caller, SimulationInput input, CancellationToken cancellationToken = default)
    {
        await services.DemandAsync(caller, RamActions.SimulateCustomPolicy, services.AccountResource, cancellationToken);
        return PolicySimulator.Simulate(input);
    }
}
