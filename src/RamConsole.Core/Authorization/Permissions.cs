namespace RamConsole.Core.Authorization;

/// <summary>
/// Whether a caller may do an action — for pages that disable a button the gate would refuse (a courtesy: the use
/// case decides again). The same gate decides; nothing is audited, since nothing was asked for.
/// </summary>
public sealed class Permissions(UseCaseServices services)
{
    public Task<bool> MayAsync(Caller caller, string action, string resourceArn, CancellationToken cancellationToken = default) =>
        services.MayAsync(caller, action, resourceArn, cancellationToken);

    /// <summary>On one RAM resource (<c>acs:ram:*:&lt;id&gt;:&lt;type&gt;/&lt;name&gt;</c>).</summary>
    public Task<bool> MayOnAsync(Caller caller, string action, string resourceType, string name, CancellationToken cancellationToken = default) =>
        services.MayAsync(caller, action, services.Resource(resourceType, name), cancellationToken);

    /// <summary>On every RAM resource of a type in this account (<c>acs:ram:*:&lt;id&gt;:&lt;type&gt;/*</c>).</summary>
    public Task<bool> MayOnAnyAsync(Caller caller, string action, string resourceType, CancellationToken cancellationToken = default) =>
        MayOnAsync(caller, action, resourceType, "*", cancellationToken);

    /// <summary>On account-wide settings (<c>acs:ram:*:&lt;id&gt;:*</c>).</summary>
    public Task<bool> MayOnAccountAsync(Caller caller, string action, CancellationToken cancellationToken = default) =>
        services.MayAsync(caller, action, services.AccountResource, cancellationToken);
}
