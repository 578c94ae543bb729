using Microsoft.Extensions.Options;

namespace RamConsole.Core.Hygiene;

/// <summary>
/// The identity-hygiene report: every check, live, against the current state (needs <c>ram:GetSecurityReport</c>,
/// which AliyunRAMReadOnlyAccess grants through ram:Get*).
/// </summary>
public sealed class HygieneReport(UseCaseServices services, IOptions<HygieneThresholds> thresholds, Settings.SecuritySettingsStore settings)
{
    public const int MaxListed = 50;

    public async Task<bool> IsAllowedAsync(Caller caller, CancellationToken cancellationToken = default) =>
        await services.MayAsync(caller, RamActions.GetSecurityReport, services.AccountResource, cancellationToken);

    public async Task<IReadOnlyList<HygieneFinding>> RunAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        await using var db = await services.BeginReadAsync(caller, RamActions.GetSecurityReport, services.AccountResource, cancellationToken);
        var context = new HygieneContext(db, services.Time.GetUtcNow(), thresholds.Value, services.Account.AccountId, await settings.GetAsync(cancellationToken));
        var findings = new List<HygieneFinding>();
        foreach (var check in HygieneChecks.All) findings.Add(await check(context, cancellationToken)); // one context: one at a time
        return findings;
    }
}
