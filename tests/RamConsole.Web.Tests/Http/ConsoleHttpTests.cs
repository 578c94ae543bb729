using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using RamConsole.Tests.Shared;

namespace RamConsole.Web.Tests.Http;

public sealed class ConsoleHttpTests : IAsyncLifetime
{
    private readonly RamConsoleFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_the_sign_in_page()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/")]
    [InlineData("/no-such-page")]
    public async Task Console_responses_refuse_framing_sniffing_and_leaking_addresses(string path)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task The_sign_in_page_asks_for_a_user_name_and_offers_no_self_registration()
    {
        var client = _factory.CreateClient();

        var html = await client.GetStringAsync("/Account/Login");

        Assert.Contains("User name", html);
        Assert.Contains("type=\"password\"", html);
        Assert.DoesNotContain("Register", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("passkey", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/Account/Register")]
    [InlineData("/Account/ConfirmEmail")]
    [InlineData("/Account/Manage/Passkeys")]
    [InlineData("/Account/ForgotPassword")]
    public async Task Template_pages_that_do_not_belong_here_are_gone(string path)
    {
        var client = _factory.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Brand_assets_are_served()
    {
        var client = _factory.CreateClient();

        var response = await client.GetAsync("/brand/logo.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<svg", await response.Content.ReadAsStringAsync());
    }
}
