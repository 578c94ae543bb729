namespace RamConsole.Core;

/// <summary>
/// What a principal is. One enum for the whole product: a user row's kind (root or a RAM user), the holder of a
/// policy attachment (user, group or role) and the caller the gate decides for (root, user, or a role session).
/// The numbers are stored (users' Kind, attachments' PrincipalType), so they never change.
/// </summary>
public enum PrincipalKind
{
    Root = 0,
    User = 1,
    Group = 2,
    Role = 3,
    AssumedRole = 4,
}
