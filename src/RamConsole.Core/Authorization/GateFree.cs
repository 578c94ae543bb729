namespace RamConsole.Core.Authorization;

/// <summary>
/// The only steps that reach the database without a decision at the gate — each for a reason of its own. Use cases
/// get a database only from <see cref="UseCaseServices.BeginChangeAsync"/> / <see cref="UseCaseServices.BeginReadAsync"/>,
/// after the gate; a class that needs one of these steps says which with <see cref="GateFreeAttribute"/>, and the
/// architecture test refuses any other route to the database.
/// </summary>
public enum GateFreeStep
{
    /// <summary>
    /// Console sign-in (password, second factor, a required new password, the session's start and end): no session
    /// exists yet, so there is no caller to decide for; the credential being checked is the check.
    /// </summary>
    SignIn,

    /// <summary>
    /// A signed-in user re-entering their own password (to change it or their factors): it decides nothing about
    /// anyone else and is itself an authentication, counted toward lockout like a sign-in.
    /// </summary>
    Reauthentication,

    /// <summary>
    /// Whether a user may manage their own credentials by the security settings (self-service): read only when the
    /// caller is that user, after the policies were asked — it reads the caller's own record, never a stranger's.
    /// </summary>
    SelfService,

    /// <summary>The first start on an empty database: no principal exists yet to be a caller.</summary>
    Bootstrap,

    /// <summary>
    /// STS GetCallerIdentity: it answers only what the caller's verified signature already proved, reading nothing;
    /// Alibaba documents "no authorization for this operation" (as AWS: a deny could not hide the answer).
    /// </summary>
    CallerIdentity,

    /// <summary>
    /// The host's own background work: the audit purge, API call counters, the credential report written after its start
    /// was decided, the job leases that let one node of a cluster run a job, and the readiness check load balancers ask.
    /// </summary>
    Background,
}

/// <summary>Marks a class that runs a <see cref="GateFreeStep"/>; the architecture test lists them.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GateFreeAttribute(GateFreeStep step) : Attribute
{
    public GateFreeStep Step { get; } = step;
}
