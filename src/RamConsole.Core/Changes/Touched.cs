namespace RamConsole.Core.Changes;

/// <summary>
/// The kinds of committed state a change can touch. A cache declares which it is built from
/// (<see cref="ICommittedStateCache.BuiltFrom"/>); a change's commit reports which it touched, and every cache built
/// from one of them forgets what it holds.
/// </summary>
[Flags]
public enum Touched
{
    None = 0,
    Users = 1 << 0,
    Groups = 1 << 1,
    Memberships = 1 << 2,
    Policies = 1 << 3,
    Attachments = 1 << 4,
    Roles = 1 << 5,
    AccessKeys = 1 << 6,
    ConsoleSessions = 1 << 7,
    StsCutOffs = 1 << 8,
    Settings = 1 << 9,
    Account = 1 << 10,
    MfaDevices = 1 << 11,
    RedisInstances = 1 << 12,
    RedisAccounts = 1 << 13,
    IdentityProviders = 1 << 14,
}
