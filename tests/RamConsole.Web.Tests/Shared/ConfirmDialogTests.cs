using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RamConsole.Web.Components.Shared;
using RamConsole.Web.Tests.Support;

namespace RamConsole.Web.Tests.Shared;

public sealed class ConfirmDialogTests : IAsyncLifetime
{
    private readonly ConsoleTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, Task<bool> Answer)> OpenAsync(bool requireTypedName)
    {
        var provider = _ctx.Render<MudDialogProvider>();
        var dialogs = _ctx.Services.GetRequiredService<IDialogService>();
        Task<bool> answer = null!;
        await provider.InvokeAsync(() => { answer = dialogs.ConfirmAsync("Delete user", "Delete the user alice?", "alice", requireTypedName: requireTypedName); });
        return (provider, answer);
    }

    [Fact]
    public async Task The_dialog_names_the_object_and_cancelling_answers_no()
    {
        var (provider, answer) = await OpenAsync(requireTypedName: false);

        Assert.Contains("Delete the user alice?", provider.Markup);
        provider.Find("[data-testid=confirm-cancel]").Click();

        Assert.False(await answer.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Confirming_answers_yes()
    {
        var (provider, answer) = await OpenAsync(requireTypedName: false);

        provider.Find("[data-testid=confirm-ok]").Click();

        Assert.True(await answer.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task With_a_typed_name_required_confirm_stays_disabled_until_the_exact_name_is_typed()
    {
        var (provider, answer) = await OpenAsync(requireTypedName: true);

        Assert.True(provider.Find("[data-testid=confirm-ok]").HasAttribute("disabled"));
        provider.Find(".mud-dialog input").Input("alic");
        Assert.True(provider.Find("[data-testid=confirm-ok]").HasAttribute("disabled"));
        provider.Find(".mud-dialog input").Input("alice");
        Assert.False(provider.Find("[data-testid=confirm-ok]").HasAttribute("disabled"));
        provider.Find("[data-testid=confirm-ok]").Click();

        Assert.True(await answer.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
