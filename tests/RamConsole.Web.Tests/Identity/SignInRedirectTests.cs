using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Web.Components.Account;

namespace RamConsole.Web.Tests.Identity;

/// <summary>After sign-in the ReturnUrl is followed only within this site: never to another host, never a failed sign-in.</summary>
public sealed class SignInRedirectTests : IDisposable
{
    private readonly BunitContext _ctx = new();

    private string Target(string? returnUrl) => new IdentityRedirectManager(_ctx.Services.GetRequiredService<NavigationManager>()).OnThisSite(returnUrl);

    [Theory]
    [InlineData("users/alice", "users/alice")]
    [InlineData("/audit?result=Denied", "/audit?result=Denied")]
    [InlineData("http://localhost/roles/ops", "roles/ops")] // bUnit's base address
    [InlineData(null, "")]
    [InlineData("https://evil.example/phish", "")]
    [InlineData("//evil.example", "")]
    [InlineData("/\\evil.example", "")]
    [InlineData("\\\\evil.example", "")]
    [InlineData("javascript:alert(1)", "")]
    [InlineData("http://localhost.evil.example/", "")]
    public void Only_addresses_on_this_site_are_followed(string? returnUrl, string expected) => Assert.Equal(expected, Target(returnUrl));

    public void Dispose() => _ctx.Dispose();
}
