using RamConsole.Core;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RamConsole.Core.Account;
using RamConsole.Core.Users;

namespace RamConsole.Web.Identity;

/// <summary>Adds the principal's kind, ARN and display name to the console session.</summary>
internal sealed class RamClaimsPrincipalFactory(UserManager<RamUser> users, IOptions<IdentityOptions> options, RamAccount account)
    : UserClaimsPrincipalFactory<RamUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(RamUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ConsoleClaims.Kind, user.Kind.ToString()));
        identity.AddClaim(new Claim(ConsoleClaims.Arn, user.Kind == PrincipalKind.Root
            ? Arns.Root(account.AccountId)
            : Arns.User(account.AccountId, user.UserName!)));
        identity.AddClaim(new Claim(ConsoleClaims.DisplayName, user.DisplayName ?? user.UserName!));
        return identity;
    }
}
