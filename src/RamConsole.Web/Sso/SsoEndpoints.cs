using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RamConsole.Core.Authorization;
using RamConsole.Core.Federation;
using RamConsole.Core.Federation.Saml;
using RamConsole.Core.Sts;
using RamConsole.Web.Identity;

namespace RamConsole.Web.Sso;

/// <summary>
/// SAML SSO to the console. User SSO: SP metadata at <c>/saml/SpMetadata.xml</c>, SP-initiated sign-in at
/// <c>/saml/Login</c> (an AuthnRequest over HTTP-Redirect, or HTTP-POST when that is all the IdP offers), the assertion
/// consumer at <c>POST /saml/SSO</c> (SP- and IdP-initiated). Role SSO: metadata at <c>/saml-role/SpMetadata.xml</c>,
/// the consumer at <c>POST /saml-role/sso</c>, then the role picker (<c>/saml-role/choose</c>) when several roles are
/// offered. The consumers take posts from the IdP's site, so they carry no antiforgery token: the signed assertion (and,
/// SP-initiated, our pending request id) is what authenticates the post. Failures go back to the sign-in page with a
/// reason code, never with text from the message.
/// </summary>
internal static class SsoEndpoints
{
    public const string RoleChoicePage = "saml-role/choose";

    public static void MapSsoEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/saml/SpMetadata.xml", (IOptions<SsoOptions> options) => options.Value.SpEntityId is { } entity
            ? Results.Content(SamlSpMetadata.For(entity, options.Value.UserAcsUrl!), "application/samlmetadata+xml")
            : Results.NotFound());
        endpoints.MapGet("/saml-role/SpMetadata.xml", (IOptions<SsoOptions> options) => options.Value.RoleAcsUrl is { } acs
            ? Results.Content(SamlSpMetadata.For(SamlNames.AlibabaAudience, acs), "application/samlmetadata+xml")
            : Results.NotFound());

        endpoints.MapGet("/saml/Login", async (HttpContext http, [FromQuery] string? returnUrl, ConsoleSso sso, PendingSamlRequest pending,
            IOptions<SsoOptions> options, TimeProvider time) =>
        {
            var (metadata, _) = await sso.UserSsoTargetAsync(http.RequestAborted);
            if (metadata is null) return Failed("unavailable");
            var destination = metadata.SsoRedirectUrl ?? metadata.SsoPostUrl!;
            var request = SamlAuthnRequest.Create(options.Value.SpEntityId!, options.Value.UserAcsUrl!, destination, time.GetUtcNow());
            pending.Start(http, request.Id);
            var relayState = "/" + LocalUrl.Sanitize(returnUrl);
            return metadata.SsoRedirectUrl is { } redirect
                ? Results.Redirect(request.RedirectUrl(redirect, relayState))
                : Results.Content(request.PostPage(metadata.SsoPostUrl!, relayState), "text/html; charset=utf-8");
        });

        endpoints.MapPost("/saml/SSO", async (HttpContext http, ConsoleSso sso, PendingSamlRequest pending, ConsoleSignIn signIn) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var outcome = await sso.SignInUserAsync(form["SAMLResponse"], pending.Take(http), ConsoleConnection.SourceIpOf(http), http.RequestAborted);
            if (outcome.User is null) return Failed("refused");
            await EndCurrentSessionAsync(http);
            var returnUrl = LocalUrl.Sanitize(form["RelayState"]);
            if (outcome.IdpMultiFactor)
            {
                await signIn.StartAsync(http, outcome.User, [ConsoleSso.SamlFactor, ConsoleSso.IdpMultiFactor]);
                return Results.LocalRedirect("~/" + returnUrl);
            }
            return Results.LocalRedirect("~/" + await signIn.NextAsync(http, outcome.User, ConsoleSso.SamlFactor, returnUrl));
        }).DisableAntiforgery();

        endpoints.MapPost("/saml-role/sso", async (HttpContext http, ConsoleSso sso, RoleChoice choice) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var (roles, assertion, _) = await sso.VerifyRoleAssertionAsync(form["SAMLResponse"], ConsoleConnection.SourceIpOf(http), http.RequestAborted);
            if (roles.Count == 0 || assertion is null) return Failed("role-refused");
            var returnUrl = LocalUrl.Sanitize(form["RelayState"]);
            if (roles.Count == 1)
            {
                // One role offered: no choice to make.
                var error = await AssumeChosenAsync(http, new RoleChoice.Ticket("", assertion, roles, returnUrl), roles[0], sso);
                return error is null ? Results.LocalRedirect("~/" + returnUrl) : Failed("role-refused");
            }
            choice.Offer(http, assertion, roles, returnUrl);
            return Results.LocalRedirect("~/" + RoleChoicePage);
        }).DisableAntiforgery();
    }

    /// <summary>Starts the console role session for the chosen role (the picker page calls this with its form's choice).</summary>
    public static async Task<string?> AssumeChosenAsync(HttpContext http, RoleChoice.Ticket ticket, OfferedRole role, ConsoleSso sso)
    {
        var origin = new RequestOrigin(CallChannel.Console, ConsoleConnection.SourceIpOf(http), http.Request.IsHttps, http.TraceIdentifier);
        try
        {
            var issued = await sso.AssumeOfferedRoleAsync(ticket.Assertion, role, origin, SamlRoleClaims.Duration(ticket.Assertion), http.RequestAborted);
            var factors = issued.Session.MfaPresent ? new[] { ConsoleSso.SamlFactor, ConsoleSso.IdpMultiFactor } : [ConsoleSso.SamlFactor];
            await EndCurrentSessionAsync(http);
            await http.SignInAsync(IdentityConstants.ApplicationScheme, RoleConsoleSessions.Principal(issued.Session, issued.SecurityToken, factors),
                new AuthenticationProperties { IsPersistent = false, ExpiresUtc = issued.Session.Expiration });
            return null;
        }
        catch (Core.Errors.RamException e)
        {
            return e.Code == "NoPermission" ? $"The role {role.RoleArn} does not trust this identity provider for you." : e.Message;
        }
    }

    /// <summary>Whoever was signed in in this browser before is signed out, and their server-side session ended.</summary>
    private static async Task EndCurrentSessionAsync(HttpContext http)
    {
        if (http.User.FindFirst(ConsoleClaims.SessionId)?.Value is { } sessionId)
            await http.RequestServices.GetRequiredService<Core.SignIn.ConsoleSignInCompletion>().EndAsync(sessionId, "SignedInAsAnother", http.RequestAborted);
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    private static IResult Failed(string reason) => Results.LocalRedirect("~/Account/Login?sso=" + reason);
}
