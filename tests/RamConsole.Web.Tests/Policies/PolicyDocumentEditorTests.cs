using Bunit;
using RamConsole.Web.Components.Pages.Policies;
using RamConsole.Web.Tests.Support;

namespace RamConsole.Web.Tests.Policies;

public sealed class PolicyDocumentEditorTests : IAsyncLifetime
{
    private readonly ConsoleTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task The_editor_shows_the_engine_message_for_a_bad_document_and_clears_it_when_fixed()
    {
        var editor = _ctx.Render<PolicyDocumentEditor>();

        // Find and fire inside the renderer's dispatcher: the debounce timer may re-render between the two otherwise.
        await editor.InvokeAsync(() => editor.Find("textarea").Input("""{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:*","Resource":"*","Condition":{"DateLessThan":{"acs:CurrentTime":"next tuesday"}}}]}"""));

        editor.WaitForAssertion(() => Assert.Contains(
            "MalformedPolicyDocument: Statement[0].Condition.DateLessThan: \"next tuesday\" is not an ISO 8601 date and time",
            System.Net.WebUtility.HtmlDecode(editor.Markup)), TimeSpan.FromSeconds(3));

        await editor.InvokeAsync(() => editor.Find("textarea").Input("""{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:*","Resource":"*"}]}"""));

        editor.WaitForAssertion(() => Assert.Contains("Valid policy document", editor.Markup), TimeSpan.FromSeconds(3));
        Assert.DoesNotContain("MalformedPolicyDocument", editor.Markup);
    }
}
