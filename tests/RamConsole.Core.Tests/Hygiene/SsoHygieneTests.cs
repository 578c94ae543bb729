using System.Text.Json;
using RamConsole.Core.Federation;
using RamConsole.Core.Hygiene;
using RamConsole.Core.Roles;
using RamConsole.Core.Tests.Support;
using RamConsole.Tests.Shared;

namespace RamConsole.Core.Tests.Hygiene;

/// <summary>The three SSO checks: expiring provider certificates, unrestricted OIDC roles, passwords kept beside SSO.</summary>
public sealed class SsoHygieneTests
{
    private static async Task<HygieneFinding> CheckAsync(CoreHost host, string id) =>
        (await host.Use<HygieneReport>().RunAsync(host.Root)).Single(f => f.Id == id);

    [Fact]
    public async Task A_provider_certificate_expiring_within_30_days_is_flagged_and_a_later_one_is_not()
    {
        await using var host = await CoreHost.StartAsync();
        var now = host.Time.GetUtcNow();
        using var soon = new SamlIdpForTests("https://soon.example/saml", notBefore: now.AddDays(-300), notAfter: now.AddDays(10));
        using var later = new SamlIdpForTests("https://later.example/saml", notBefore: now.AddDays(-300), notAfter: now.AddDays(200));
        await host.Use<SamlProviders>().CreateAsync(host.Root, new("soon", soon.EncodedMetadata()));
        await host.Use<SamlProviders>().CreateAsync(host.Root, new("later", later.EncodedMetadata()));
        await host.Use<UserSso>().SetAsync(host.Root, new(soon.EncodedMetadata()));

        var finding = await CheckAsync(host, "provider-certificates-expiring");

        Assert.Equal(["soon", "User SSO metadata"], finding.Principals.Select(p => p.Name).Order());
        Assert.Contains("expires", finding.Principals[0].Note);
    }

    [Fact]
    public async Task A_role_trusting_an_OIDC_provider_without_subject_or_audience_is_flagged()
    {
        await using var host = await CoreHost.StartAsync();
        var provider = $"acs:ram::{host.AccountId}:oidc-provider/ci";
        string Trust(object conditions) => JsonSerializer.Serialize(new
        {
            Version = "1", Statement = new[] { new { Effect = "Allow", Action = "sts:AssumeRole", Principal = new { Federated = provider }, Condition = conditions } },
        });
        await host.Use<RoleUseCases>().CreateAsync(host.Root, new("any-workload", Trust(new { StringEquals = new Dictionary<string, string> { ["oidc:iss"] = "https://x" } })));
        await host.Use<RoleUseCases>().CreateAsync(host.Root, new("no-subject", Trust(new { StringEquals = new Dictionary<string, string> { ["oidc:aud"] = "app" } })));
        await host.Use<RoleUseCases>().CreateAsync(host.Root, new("pinned", Trust(new { StringEquals = new Dictionary<string, string> { ["oidc:aud"] = "app", ["oidc:sub"] = "repo:main" } })));

        var finding = await CheckAsync(host, "oidc-roles-unrestricted");

        Assert.Equal(["any-workload", "no-subject"], finding.Principals.Select(p => p.Name).Order());
        Assert.Contains("oidc:sub", finding.Principals.Single(p => p.Name == "no-subject").Note);
    }

    [Fact]
    public async Task Users_with_passwords_are_flagged_only_while_user_SSO_is_on()
    {
        await using var host = await CoreHost.StartAsync();
        using var idp = new SamlIdpForTests();
        await host.Use<RamConsole.Core.Users.CreateUser>().RunAsync(host.Root, new("alice", ConsolePassword: "Tulip-Granite-Orbit-93"));
        await host.Use<RamConsole.Core.Users.CreateUser>().RunAsync(host.Root, new("bob"));
        Assert.True((await CheckAsync(host, "passwords-beside-sso")).Passed);

        await host.Use<UserSso>().SetAsync(host.Root, new(idp.EncodedMetadata(), SsoEnabled: true));

        Assert.Equal(["alice"], (await CheckAsync(host, "passwords-beside-sso")).Principals.Select(p => p.Name));
    }
}
