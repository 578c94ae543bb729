using MudBlazor;

namespace RamConsole.Web.Components.Shared;

public static class DialogServiceExtensions
{
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
