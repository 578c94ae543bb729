using RamConsole.Policy.Matching;

namespace RamConsole.Core.Settings;

/// <summary>Alibaba's GetSecurityPreference response shape.</summary>
public sealed record SecurityPreferenceView(
    bool EnableSaveMFATicket, bool AllowUserToChangePassword, int LoginSessionDuration, string LoginNetworkMasks,
    string MFAOperationForLogin, bool AllowUserToManageAccessKeys, bool AllowUserToManageMFADevices, int LoginIdleTimeout);

/// <summary>Alibaba's GetPasswordPolicy response shape.</summary>
public sealed record PasswordPolicyView(
    int MinimumPasswordLength, bool RequireLowercaseCharacters, bool RequireUppercaseCharacters, bool RequireNumbers,
    bool RequireSymbols, int MaxPasswordAge, int PasswordReusePrevention, int MaxLoginAttemps, bool HardExpiry);

/// <summary>
/// Reads and changes the security preference and password policy (root or <c>ram:SetSecurityPreference</c> /
/// <c>ram:SetPasswordPolicy</c>). A change names only the fields it sets; each is range-checked with the field
/// named, and the change is audited with before and after. It applies from the next sign-in or password check.
/// </summary>
public sealed class SecuritySettingsAdmin(UseCaseServices services, SecuritySettingsStore store)
{
    public const int MaxNetworkMasks = 40;

    /// <summary>The idle timeout's range in minutes: under 5 ends sessions while people read; a day is the session ceiling.</summary>
    public const int MinIdleTimeout = 5, MaxIdleTimeout = 1440;

    /// <summary>"mandatory": every console user needs MFA; "independent": only users marked MFABindRequired (and root).</summary>
    public const string MfaMandatory = "mandatory", MfaIndependent = "independent";

    public sealed record PreferenceChange(
        bool? EnableSaveMFATicket = null, bool? AllowUserToChangePassword = null, int? LoginSessionDuration = null,
        string? LoginNetworkMasks = null, string? MFAOperationForLogin = null, bool? AllowUserToManageAccessKeys = null,
        bool? AllowUserToManageMFADevices = null, int? LoginIdleTimeout = null);

    public sealed record PasswordPolicyChange(
        int? MinimumPasswordLength = null, bool? RequireLowercaseCharacters = null, bool? RequireUppercaseCharacters = null,
        bool? RequireNumbers = null, bool? RequireSymbols = null, int? MaxPasswordAge = null, int? PasswordReusePrevention = null,
        int? MaxLoginAttemps = null, bool? HardExpiry = null);

    public async Task<SecurityPreferenceView> GetPreferenceAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        await services.DemandAsync(caller, RamActions.GetSecurityPreference, services.AccountResource, cancellationToken);
        return PreferenceOf(await store.GetAsync(cancellationToken));
    }

    public async Task<PasswordPolicyView> GetPasswordPolicyAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        await services.DemandAsync(caller, RamActions.GetPasswordPolicy, services.AccountResource, cancellationToken);
        return PasswordPolicyOf(await store.GetAsync(cancellationToken));
    }

    public async Task<SecurityPreferenceView> SetPreferenceAsync(Caller caller, PreferenceChange change, CancellationToken cancellationToken = default)
    {
        var masks = change.LoginNetworkMasks is null ? null : NormaliseMasks(change.LoginNetworkMasks);
        if (change.LoginSessionDuration is { } hours) InRange(hours, 1, 24, "LoginSessionDuration", "hours");
        if (change.LoginIdleTimeout is { } idle) InRange(idle, MinIdleTimeout, MaxIdleTimeout, "LoginIdleTimeout", "minutes");
        var mfaRequired = change.MFAOperationForLogin switch
        {
            null => (bool?)null,
            var v when v.Equals(MfaMandatory, StringComparison.OrdinalIgnoreCase) => true,
            var v when v.Equals(MfaIndependent, StringComparison.OrdinalIgnoreCase) => false,
            _ => throw RamErrors.Invalid("InvalidParameter.MFAOperationForLogin", $"MFAOperationForLogin must be \"{MfaMandatory}\" or \"{MfaIndependent}\".", "MFAOperationForLogin"),
        };
        var after = await SaveAsync(caller, RamActions.SetSecurityPreference, s => s with
        {
            EnableSaveMfaTicket = change.EnableSaveMFATicket ?? s.EnableSaveMfaTicket,
            AllowUserToChangePassword = change.AllowUserToChangePassword ?? s.AllowUserToChangePassword,
            LoginSessionDuration = change.LoginSessionDuration ?? s.LoginSessionDuration,
            LoginIdleTimeout = change.LoginIdleTimeout ?? s.LoginIdleTimeout,
            LoginNetworkMasks = masks ?? s.LoginNetworkMasks,
            MfaRequiredForConsoleSignIn = mfaRequired ?? s.MfaRequiredForConsoleSignIn,
            AllowUserToManageAccessKeys = change.AllowUserToManageAccessKeys ?? s.AllowUserToManageAccessKeys,
            AllowUserToManageMfaDevices = change.AllowUserToManageMFADevices ?? s.AllowUserToManageMfaDevices,
        }, PreferenceOf, cancellationToken);
        return PreferenceOf(after);
    }

    public async Task<PasswordPolicyView> SetPasswordPolicyAsync(Caller caller, PasswordPolicyChange change, CancellationToken cancellationToken = default)
    {
        if (change.MinimumPasswordLength is { } length) InRange(length, 8, 32, "MinimumPasswordLength", "characters");
        if (change.MaxPasswordAge is { } age) InRange(age, 0, 1095, "MaxPasswordAge", "days (0 = never expires)");
        if (change.PasswordReusePrevention is { } reuse) InRange(reuse, 0, 24, "PasswordReusePrevention", "previous passwords");
        if (change.MaxLoginAttemps is { } attempts) InRange(attempts, 0, 32, "MaxLoginAttemps", "attempts (0 = no lockout)");
        var after = await SaveAsync(caller, RamActions.SetPasswordPolicy, s => s with
        {
            MinimumPasswordLength = change.MinimumPasswordLength ?? s.MinimumPasswordLength,
            RequireLowercaseCharacters = change.RequireLowercaseCharacters ?? s.RequireLowercaseCharacters,
            RequireUppercaseCharacters = change.RequireUppercaseCharacters ?? s.RequireUppercaseCharacters,
            RequireNumbers = change.RequireNumbers ?? s.RequireNumbers,
            RequireSymbols = change.RequireSymbols ?? s.RequireSymbols,
            MaxPasswordAge = change.MaxPasswordAge ?? s.MaxPasswordAge,
            PasswordReusePrevention = change.PasswordReusePrevention ?? s.PasswordReusePrevention,
            MaxLoginAttemps = change.MaxLoginAttemps ?? s.MaxLoginAttemps,
            HardExpiry = change.HardExpiry ?? s.HardExpiry,
        }, PasswordPolicyOf, cancellationToken);
        return PasswordPolicyOf(after);
    }

    /// <summary>Checks a mask list (≤ 40 IPv4/IPv6 addresses or CIDR blocks) and returns it ';'-separated.</summary>
    public static string NormaliseMasks(string text)
    {
        var masks = text.Split([';', ',', '\n', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (masks.Length > MaxNetworkMasks)
            throw RamErrors.Invalid("InvalidParameter.LoginNetworkMasks", $"LoginNetworkMasks holds at most {MaxNetworkMasks} entries; it has {masks.Length}.", "LoginNetworkMasks");
        foreach (var mask in masks)
        {
            if (!IpRange.TryParse(mask, out _))
                throw RamErrors.Invalid("InvalidParameter.LoginNetworkMasks", $"LoginNetworkMasks: \"{mask}\" is not an IP address or CIDR block.", "LoginNetworkMasks");
        }
        return string.Join(';', masks);
    }

    public const int MinAuditRetentionDays = 30, MaxAuditRetentionDays = 3650;

    /// <summary>The audit log's retention in days: 0 (forever) or 30–3650 — shorter would let an intruder outwait the record.</summary>
    public async Task<int> SetAuditRetentionAsync(Caller caller, int days, CancellationToken cancellationToken = default)
    {
        if (days != 0) InRange(days, MinAuditRetentionDays, MaxAuditRetentionDays, "AuditRetentionDays", "days (or 0 to keep forever)");
        var after = await SaveAsync(caller, RamActions.SetAuditRetention, s => s with { AuditRetentionDays = days }, s => new { s.AuditRetentionDays }, cancellationToken);
        return after.AuditRetentionDays;
    }

    private static void InRange(int value, int min, int max, string field, string unit)
    {
        if (value < min || value > max)
            throw RamErrors.Invalid($"InvalidParameter.{field}", $"{field} must be between {min} and {max} {unit}; got {value}.", field);
    }

    private async Task<SecuritySettings> SaveAsync<TView>(Caller caller, string action, Func<SecuritySettings, SecuritySettings> apply,
        Func<SecuritySettings, TView> view, CancellationToken cancellationToken)
    {
        // Under the change lock: each change rewrites the whole row from what it read, so two at once (say, the password
        // policy and the MFA preference) would otherwise silently undo one of them.
        await using var change = await services.BeginChangeAsync(caller, action, services.AccountResource, cancellationToken);
        var db = change.Db;
        var before = await db.SecuritySettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var after = apply(before ?? new SecuritySettings()) with { UpdatedAt = services.Time.GetUtcNow() };
        if (before is null) db.SecuritySettings.Add(after);
        else db.SecuritySettings.Update(after);
        await change.CommitAsync(view(before ?? new SecuritySettings()), view(after), cancellationToken); // the store forgets the old row
        return after;
    }

    public static SecurityPreferenceView PreferenceOf(SecuritySettings s) => new(
        s.EnableSaveMfaTicket, s.AllowUserToChangePassword, s.LoginSessionDuration, s.LoginNetworkMasks,
        s.MfaRequiredForConsoleSignIn ? MfaMandatory : MfaIndependent, s.AllowUserToManageAccessKeys, s.AllowUserToManageMfaDevices,
        s.LoginIdleTimeout);

    public static PasswordPolicyView PasswordPolicyOf(SecuritySettings s) => new(
        s.MinimumPasswordLength, s.RequireLowercaseCharacters, s.RequireUppercaseCharacters, s.RequireNumbers,
        s.RequireSymbols, s.MaxPasswordAge, s.PasswordReusePrevention, s.MaxLoginAttemps, s.HardExpiry);
}
