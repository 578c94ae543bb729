using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace RamConsole.Core.Changes;

/// <summary>
/// What a change touched, read off the entities it is about to save — so a use case cannot forget to declare a
/// write. Bulk statements (ExecuteUpdate/ExecuteDelete) bypass the tracker; their callers declare them with
/// <see cref="Change.Touches"/>.
/// </summary>
internal static class TouchedBy
{
    public static Touched Entries(ChangeTracker tracker)
    {
        var touched = Touched.None;
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            touched |= Entry(entry);
        }
        return touched;
    }

    private static Touched Entry(EntityEntry entry) => entry.Entity switch
    {
        // A user's sign-in bookkeeping (last login, failed attempts, security stamp) feeds no cache; its name does
        // (policy sets, AccessKey owners and sessions are found by name or id), and so does its existence.
        Users.RamUser => entry.State != EntityState.Modified || entry.Property(nameof(Users.RamUser.UserName)).IsModified ? Touched.Users : Touched.None,
        Groups.Group => Touched.Groups,
        Groups.GroupMember => Touched.Memberships,
        Policies.CustomPolicy or Policies.PolicyVersion => Touched.Policies,
        Policies.PolicyAttachment => Touched.Attachments,
        Roles.Role => Touched.Roles,
        AccessKeys.AccessKey => Touched.AccessKeys,
        Sessions.ConsoleSession => Touched.ConsoleSessions,
        Sts.StsCutOff => Touched.StsCutOffs,
        Settings.SecuritySettings => Touched.Settings,
        Account.Account => Touched.Account,
        Mfa.TotpDevice or Mfa.WebAuthnCredential or Mfa.RecoveryCode => Touched.MfaDevices,
        Redis.RedisInstance => Touched.RedisInstances,
        Redis.RedisAccount => Touched.RedisAccounts,
        Federation.SamlProvider or Federation.OidcProvider or Federation.UserSsoSettings => Touched.IdentityProviders,
        _ => Touched.None,
    };
}
