using RamConsole.Web.Identity;
using MudBlazor;
using RamConsole.Core.Authorization;
using RamConsole.Core.Errors;
using RamConsole.Core.Sessions;

namespace RamConsole.Web.Components.Shared;

/// <summary>
/// The one place the console turns use-case results into what a person sees (STYLE: "one place maps failures to
/// responses"): a success snackbar, a snackbar for refusals that are not about one input, and the error returned so
/// a form can show a field's message beside it. Pages never catch exceptions themselves.
/// </summary>
public sealed class ConsoleActions(ConsoleCaller caller, Permissions permissions, ISnackbar snackbar, IDialogService dialogs, RecentPassword recentPassword)
{
    public async Task<Outcome<T>> RunAsync<T>(Func<Caller, Task<T>> action, string? success = null)
    {
        var outcome = await TryAsync(action, success);
        // A change that needs the password entered again asks for it, then runs once more (nothing was changed yet).
        if (outcome.Error?.Code == RecentPassword.RequiredCode && await dialogs.ConfirmPasswordAsync(outcome.Error.Message))
            outcome = await TryAsync(action, success);
        return outcome;
    }

    /// <summary>
    /// Before a multi-step change to <paramref name="userName"/>'s factors (scanning a QR code, touching a key): asks
    /// for the password now if the change would need it, so the user does not lose the step. False when they cancel.
    /// </summary>
    public async Task<bool> EnsureRecentPasswordAsync(string userName) =>
        !await recentPassword.IsNeededAsync(await caller.GetAsync(), userName)
        || await dialogs.ConfirmPasswordAsync("Enter your password again before changing your sign-in factors.");

    private async Task<Outcome<T>> TryAsync<T>(Func<Caller, Task<T>> action, string? success)
    {
        try
        {
            var value = await action(await caller.GetAsync());
            if (success is not null) snackbar.Add(success, Severity.Success);
            return new Outcome<T>(value, null);
        }
        catch (RamException e)
        {
            if (e.Field is null && e.Code != RecentPassword.RequiredCode)
                snackbar.Add($"{e.Message} ({e.Code})", e.Code == "NoPermission" ? Severity.Warning : Severity.Error);
            return new Outcome<T>(default, e);
        }
    }

    public Task<Outcome<bool>> RunAsync(Func<Caller, Task> action, string? success = null) =>
        RunAsync(async c => { await action(c); return true; }, success);

    /// <summary>
    /// Whether the signed-in principal may do <paramref name="action"/> — a courtesy for disabling buttons; use cases
    /// check again. A session that has just ended may nothing (its circuit is being signed out).
    /// </summary>
    public Task<bool> MayAsync(string action, string resource) => AskAsync(c => permissions.MayAsync(c, action, resource));

    /// <summary><see cref="MayAsync"/> on one RAM resource (<c>acs:ram:*:&lt;id&gt;:&lt;type&gt;/&lt;name&gt;</c>).</summary>
    public Task<bool> MayOnAsync(string action, string resourceType, string name) => AskAsync(c => permissions.MayOnAsync(c, action, resourceType, name));

    /// <summary><see cref="MayAsync"/> on every RAM resource of a type in this account (<c>acs:ram:*:&lt;id&gt;:&lt;type&gt;/*</c>).</summary>
    public Task<bool> MayOnAnyAsync(string action, string resourceType) => AskAsync(c => permissions.MayOnAnyAsync(c, action, resourceType));

    /// <summary><see cref="MayAsync"/> on account-wide settings (<c>acs:ram:*:&lt;id&gt;:*</c>).</summary>
    public Task<bool> MayOnAccountAsync(string action) => AskAsync(c => permissions.MayOnAccountAsync(c, action));

    private async Task<bool> AskAsync(Func<Caller, Task<bool>> question)
    {
        try
        {
            return await question(await caller.GetAsync());
        }
        catch (RamException)
        {
            return false;
        }
    }

    public Task<Caller> CallerAsync() => caller.GetAsync();

    /// <summary>The access difference a change would make, as sentences for its confirm dialog (never a snackbar).</summary>
    public async Task<IReadOnlyList<string>> PreviewAsync(Func<Caller, Task<AccessDiffResult>> diff)
    {
        try
        {
            return (await diff(await caller.GetAsync())).Describe();
        }
        catch (RamException e)
        {
            return [$"The difference in access cannot be shown: {e.Message}"];
        }
    }
}
