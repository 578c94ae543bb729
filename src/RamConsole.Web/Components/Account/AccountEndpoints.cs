using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using RamConsole.Core.Users;

namespace RamConsole.Web.Components.Account;

/// <summary>HTTP endpoints the account pages need besides their forms.</summary>
internal static class AccountEndpoints
{
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/Account");
        // A form POST with antiforgery (validated by UseAntiforgery), so a third-party page cannot sign a user out.
        group.MapPost("/Logout", async ([FromServices] SignInManager<RamUser> signInManager) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        });
        return group;
    }
}
