using RamConsole.Core.Settings;

namespace RamConsole.Core.Tests.Support;

internal static class SecurityFixtures
{
    public static Task SetPolicyAsync(this CoreHost host, SecuritySettingsAdmin.PasswordPolicyChange change) =>
        host.Use<SecuritySettingsAdmin>().SetPasswordPolicyAsync(host.Root, change);

    public static Task SetPreferenceAsync(this CoreHost host, SecuritySettingsAdmin.PreferenceChange change) =>
        host.Use<SecuritySettingsAdmin>().SetPreferenceAsync(host.Root, change);
}
