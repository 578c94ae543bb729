using MudBlazor;

namespace RamConsole.Web.Components.Shared;

/// <summary>
/// The console's two patterns for changes: every create is a dialog opened from the "Create …" button at the top of
/// its list page, which on success leads to the new thing's page; every destructive change is a confirmation that
/// names the thing (and shows the access difference where access changes).
/// </summary>
public static class DialogServiceExtensions
{
    /// <summary>Opens the create dialog <typeparamref name="TDialog"/>; the created view, or null when cancelled.</summary>
    public static async Task<TView?> CreateAsync<TDialog, TView>(this IDialogService dialogs, string title, bool wide = false)
        where TDialog : Microsoft.AspNetCore.Components.IComponent where TView : class
    {
        var dialog = await dialogs.ShowAsync<TDialog>(title,
            new DialogOptions { MaxWidth = wide ? MaxWidth.Large : MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        return await dialog.Result is { Canceled: false, Data: TView created } ? created : null;
    }

    /// <summary>Asks for confirmation of a destructive action on <paramref name="objectName"/>; true only when confirmed.</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string objectName,
        string confirmText = "Delete", bool requireTypedName = false, IReadOnlyList<string>? details = null)
    {
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Title, title },
            { d => d.Message, message },
            { d => d.ObjectName, objectName },
            { d => d.ConfirmText, confirmText },
            { d => d.RequireTypedName, requireTypedName },
            { d => d.Details, details },
        };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: true };
    }

    /// <summary>Asks the signed-in user to enter their password again (<paramref name="reason"/> says why); true once it was right.</summary>
    public static async Task<bool> ConfirmPasswordAsync(this IDialogService dialogs, string reason)
    {
        var parameters = new DialogParameters<Pages.MyAccount.ConfirmPasswordDialog> { { d => d.Reason, reason } };
        var dialog = await dialogs.ShowAsync<Pages.MyAccount.ConfirmPasswordDialog>("Confirm your password", parameters,
            new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: true };
    }
}
