using RamConsole.Core.Settings;
using RamConsole.Policy.Catalog;
using static RamConsole.Web.Api.Rpc;

namespace RamConsole.Web.Api.Operations;

/// <summary>Get/SetSecurityPreference and Get/SetPasswordPolicy, in Alibaba's response shapes; the use cases range-check.</summary>
internal static class SecurityOperations
{
    public static IReadOnlyDictionary<string, ApiOperation> All { get; } = new Dictionary<string, ApiOperation>
    {
        ["GetSecurityPreference"] = Op(RamActions.GetSecurityPreference, async c => Preference(await c.Use<SecuritySettingsAdmin>().GetPreferenceAsync(c.Caller, c.CancellationToken))),
        ["SetSecurityPreference"] = Op(RamActions.SetSecurityPreference, async c => Preference(await c.Use<SecuritySettingsAdmin>().SetPreferenceAsync(c.Caller, new SecuritySettingsAdmin.PreferenceChange(
            c.Bool("EnableSaveMFATicket"), c.Bool("AllowUserToChangePassword"), Number(c, "LoginSessionDuration"), c.Optional("LoginNetworkMasks"),
            c.Optional("MFAOperationForLogin"), c.Bool("AllowUserToManageAccessKeys"), c.Bool("AllowUserToManageMFADevices"),
            Number(c, "LoginIdleTimeout")), c.CancellationToken))),
        ["GetPasswordPolicy"] = Op(RamActions.GetPasswordPolicy, async c => new { PasswordPolicy = await c.Use<SecuritySettingsAdmin>().GetPasswordPolicyAsync(c.Caller, c.CancellationToken) }),
        ["SetPasswordPolicy"] = Op(RamActions.SetPasswordPolicy, async c => new
        {
            PasswordPolicy = await c.Use<SecuritySettingsAdmin>().SetPasswordPolicyAsync(c.Caller, new SecuritySettingsAdmin.PasswordPolicyChange(
                Number(c, "MinimumPasswordLength"), c.Bool("RequireLowercaseCharacters"), c.Bool("RequireUppercaseCharacters"), c.Bool("RequireNumbers"),
                c.Bool("RequireSymbols"), Number(c, "MaxPasswordAge"), Number(c, "PasswordReusePrevention"), Number(c, "MaxLoginAttemps"),
                c.Bool("HardExpiry")), c.CancellationToken),
        }),
    };

    // Parsed here; the range (and its message naming the field) is the use case's.
    private static int? Number(ApiCall c, string name) => c.Optional(name) is { Length: > 0 } ? c.Int(name, 0, -100_000, 100_000) : null;

    private static object Preference(SecurityPreferenceView v) => new
    {
        SecurityPreference = new
        {
            // LoginIdleTimeout (minutes) is a RamConsole extension; Alibaba's SDKs ignore fields they do not know.
            LoginProfilePreference = new { v.EnableSaveMFATicket, v.AllowUserToChangePassword, v.LoginSessionDuration, v.LoginNetworkMasks, v.MFAOperationForLogin, v.LoginIdleTimeout },
            AccessKeyPreference = new { v.AllowUserToManageAccessKeys },
            MFAPreference = new { v.AllowUserToManageMFADevices },
        },
    };
}
