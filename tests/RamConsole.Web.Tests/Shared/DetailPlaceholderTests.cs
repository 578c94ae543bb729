using Bunit;
using RamConsole.Core.Errors;
using RamConsole.Web.Components.Shared;
using RamConsole.Web.Tests.Support;

namespace RamConsole.Web.Tests.Shared;

public sealed class DetailPlaceholderTests : IAsyncLifetime
{
    private readonly ConsoleTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<DetailPlaceholder> Render(RamException? error) =>
        _ctx.Render<DetailPlaceholder>(p => p.Add(x => x.Error, error).Add(x => x.Kind, "Role").Add(x => x.Name, "deployer"));

    [Fact]
    public void While_loading_it_shows_a_progress_bar_only()
    {
        var cut = Render(null);

        Assert.NotEmpty(cut.FindAll(".mud-progress-linear"));
        Assert.Empty(cut.FindAll("[data-testid=empty-state]"));
    }

    [Fact]
    public void A_missing_entity_is_named_as_not_found()
    {
        var cut = Render(new RamException("EntityNotExist.Role", "The role does not exist.", 404));

        Assert.Contains("Role not found", cut.Markup);
        Assert.Contains("no role named deployer", cut.Markup);
        Assert.Empty(cut.FindAll(".mud-progress-linear"));
    }

    [Fact]
    public void A_refusal_says_so_with_the_gate_message_and_code()
    {
        var cut = Render(new RamException("NoPermission", "You are not authorized to do action ram:GetRole.", 403));

        var refused = cut.Find("[data-testid=detail-refused]").TextContent;
        Assert.Contains("You may not view this role", refused);
        Assert.Contains("ram:GetRole", refused);
        Assert.Contains("(NoPermission)", refused);
        Assert.Empty(cut.FindAll(".mud-progress-linear"));
    }
}
