using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RamConsole.Core.Authorization;

namespace RamConsole.Core.Hygiene;

/// <summary>
/// The identity-hygiene report: every check, live, against the current state (needs <c>ram:GetSecurityReport</c>,
/// which AliyunRAMReadOnlyAccess grants through ram:Get*).
/// </summary>
public sealed class HygieneReport(UseCaseServices services, IOptions<HygieneThresholds> thresholds, Security.SecuritySettingsStore settings)
{
    public const string Action = "ram:GetSecurityReport";
    public const int MaxListed = 50;

    public async Task<bool> IsAllowedAsync(Caller caller, CancellationToken cancellationToken = default) =>
        (await services.Gate.DecideAsync(caller, Action, services.AccountResource, cancellationToken)).Allowed;

    public async Task<IReadOnlyList<HygieneFinding>> RunAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        await services.Gate.DemandAsync(caller, Action, services.AccountResource, cancellationToken);
        await using var db = await services.DbFactory.CreateDbContextAsync(cancellationToken);
        var context = new HygieneContext(db, services.Time.GetUtcNow(), thresholds.Value, services.Account.AccountId, await settings.GetAsync(cancellationToken));
        var findings = new List<HygieneFinding>();
        foreach (var check in HygieneChecks.All) findings.Add(await check(context, cancellationToken)); // one context: one at a time
        return findings;
    }
}
