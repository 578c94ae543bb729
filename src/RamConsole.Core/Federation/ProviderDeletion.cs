using RamConsole.Core.Persistence;

namespace RamConsole.Core.Federation;

/// <summary>
/// Deleting an identity provider (SAML or OIDC): the row goes, and in the same commit every STS session obtained through
/// it is cut off (a session's source is the provider's ARN), so a removed IdP's tokens stop working at once everywhere.
/// </summary>
internal static class ProviderDeletion
{
    /// <param name="arn">The provider as asked for (the gate decides on it).</param>
    /// <param name="storedArn">The provider's ARN in its stored spelling — what its sessions name as their source (names are case-insensitive).</param>
    public static async Task RunAsync<T>(UseCaseServices services, Caller caller, string action, string arn, Func<RamDbContext, Task<T>> find,
        Action<RamDbContext, T> remove, Func<T, string> storedArn, Func<T, object> snapshot, CancellationToken cancellationToken)
    {
        var (change, provider) = await services.BeginChangeOfAsync(caller, action, arn, find, cancellationToken);
        await using var _ = change;
        remove(change.Db, provider);
        await Sts.StsCutOffs.StageAsync(change.Db, storedArn(provider), services.Time.GetUtcNow(), cancellationToken);
        await change.CommitAsync(snapshot(provider), null, cancellationToken);
    }
}
