namespace RamConsole.Core.Authorization;

/// <summary>The gate's answer for one (caller, action, resource).</summary>
public sealed record GateDecision(bool Allowed, string NoPermissionType, string PolicyType, string Reason)
{
    public static GateDecision Allow(string reason) => new(true, "", "", reason);

    public static GateDecision ImplicitDeny(string reason) => new(false, "ImplicitDeny", "Identity", reason);
}
