using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using RamConsole.Core.Users;

namespace RamConsole.Web.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri) => navigationManager.NavigateTo(OnThisSite(uri));

    /// <summary>
    /// <paramref name="uri"/> if it is an address on this site (relative, or absolute under the base address), else the
    /// home page: a ReturnUrl naming another host (<c>https://…</c>, <c>//host</c>, <c>/\host</c>, which browsers read as
    /// <c>//host</c>) must not send a freshly signed-in user there, nor fail the sign-in (the template's
    /// ToBaseRelativePath throws for a foreign address).
    /// </summary>
    internal string OnThisSite(string? uri)
    {
        if (string.IsNullOrEmpty(uri) || uri.Contains('\\')) return "";
        if (Uri.IsWellFormedUriString(uri, UriKind.Relative)) return uri.StartsWith("//", StringComparison.Ordinal) ? "" : uri;
        return Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.AbsoluteUri.StartsWith(navigationManager.BaseUri, StringComparison.OrdinalIgnoreCase)
            ? navigationManager.ToBaseRelativePath(absolute.AbsoluteUri)
            : "";
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context)
        => RedirectToWithStatus(CurrentPath, message, context);

    public void RedirectToInvalidUser(UserManager<RamUser> userManager, HttpContext context)
        => RedirectToWithStatus("Account/InvalidUser", $"Error: Unable to load user with ID '{userManager.GetUserId(context.User)}'.", context);
}
