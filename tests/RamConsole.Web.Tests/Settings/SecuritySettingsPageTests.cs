using Bunit;
using MudBlazor;
using RamConsole.Core.Settings;
using RamConsole.Web.Components.Pages.Settings;
using RamConsole.Web.Tests.Support;

namespace RamConsole.Web.Tests.Settings;

public sealed class SecuritySettingsPageTests : IAsyncLifetime
{
    private readonly ConsoleTestContext _ctx = new();

    public Task InitializeAsync() => _ctx.UseRealCoreAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<SecuritySettingsPage> Render()
    {
        _ctx.Render<MudPopoverProvider>();
        var page = _ctx.Render<SecuritySettingsPage>();
        page.WaitForElement("[data-testid=save-policy]");
        return page;
    }

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<SecuritySettingsPage> page, string testId) =>
        page.Find($"input[data-testid={testId}], [data-testid={testId}] input");

    [Theory]
    [InlineData("session-duration", "save-preference", "30", "LoginSessionDuration must be between 1 and 24 hours; got 30.")]
    [InlineData("session-duration", "save-preference", "0", "LoginSessionDuration must be between 1 and 24 hours; got 0.")]
    [InlineData("idle-timeout", "save-preference", "2", "LoginIdleTimeout must be between 5 and 1440 minutes; got 2.")]
    [InlineData("min-length", "save-policy", "40", "MinimumPasswordLength must be between 8 and 32 characters; got 40.")]
    [InlineData("max-age", "save-policy", "2000", "MaxPasswordAge must be between 0 and 1095 days (0 = never expires); got 2000.")]
    [InlineData("max-attempts", "save-policy", "99", "MaxLoginAttemps must be between 0 and 32 attempts (0 = no lockout); got 99.")]
    public async Task An_out_of_range_value_is_refused_with_a_message_beside_its_field(string field, string save, string value, string message)
    {
        _ctx.SignInAsRoot();
        var page = Render();
        var before = _ctx.Use<SecuritySettingsStore>().Current;

        await page.InvokeAsync(() => Input(page, field).Change(value));
        await page.InvokeAsync(() => page.Find($"[data-testid={save}]").Click());

        page.WaitForAssertion(() => Assert.Contains(message, Input(page, field).ParentElement!.ParentElement!.ParentElement!.TextContent));
        Assert.Equal(before, _ctx.Use<SecuritySettingsStore>().Current);
    }

    [Fact]
    public async Task A_valid_change_is_saved_and_applies_to_the_store()
    {
        _ctx.SignInAsRoot();
        var page = Render();

        await page.InvokeAsync(() => Input(page, "min-length").Change("16"));
        await page.InvokeAsync(() => page.Find("[data-testid=save-policy]").Click());

        page.WaitForAssertion(() => Assert.Equal(16, _ctx.Use<SecuritySettingsStore>().Current.MinimumPasswordLength));
    }

    [Fact]
    public void A_user_without_permission_sees_no_settings()
    {
        _ctx.SignInAsUser("alice");
        _ctx.Render<MudPopoverProvider>();
        var page = _ctx.Render<SecuritySettingsPage>();

        page.WaitForAssertion(() => Assert.Contains("You may not view the security settings", page.Markup));
        Assert.Empty(page.FindAll("[data-testid=save-policy]"));
    }
}
