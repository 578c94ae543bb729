using RamConsole.Policy.Documents;

namespace RamConsole.Core.Sts;

/// <summary>The checks every way of issuing a role session shares (AssumeRole and the federated calls alike).</summary>
public static class SessionRequest
{
    /// <summary>A session policy must be a valid policy document within the account's length limit (checked before anything is looked up).</summary>
    public static void CheckPolicy(string? policy, int maxLength)
    {
        if (policy is not { Length: > 0 }) return;
        var parsed = PolicyParser.Parse(policy, maxLength: maxLength);
        if (!parsed.IsValid) throw RamErrors.Invalid(parsed.Error!.Code, parsed.Error.Message, "Policy");
    }

    /// <summary>The session's length: 900 s up to the role's maximum, 3600 s when not asked.</summary>
    public static int Duration(int? requested, int roleMaximum)
    {
        var duration = requested ?? Roles.SessionDurations.TokenDefaultSeconds;
        return duration >= Roles.SessionDurations.TokenMinimumSeconds && duration <= roleMaximum
            ? duration
            : throw RamErrors.Invalid("InvalidParameter.DurationSeconds", $"DurationSeconds is from {Roles.SessionDurations.TokenMinimumSeconds} to the role's maximum, {roleMaximum}.", "DurationSeconds");
    }
}
