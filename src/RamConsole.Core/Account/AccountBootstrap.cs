using Microsoft.AspNetCore.DataProtection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RamConsole.Core.Audit;
using RamConsole.Core.Persistence;
using RamConsole.Core.Users;

namespace RamConsole.Core.Account;

/// <summary>Outcome of a start-up bootstrap. <see cref="GeneratedRootPassword"/> is set only when one was made now.</summary>
public sealed record BootstrapResult(bool Created, string AccountId, string? GeneratedRootPassword);

/// <summary>
/// Creates the account and root on the first start with an empty database, and never again: the account row is the
/// marker, and it is written in the same transaction as root.
/// </summary>
[Authorization.GateFree(Authorization.GateFreeStep.Bootstrap)]
public sealed class AccountBootstrap(
    RamDbContext db,
    UserManager<RamUser> users,
    RamAccount account,
    AuditTrail audit,
    IOptions<BootstrapOptions> options,
    TimeProvider time,
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider dataProtection)
{
    public async Task<BootstrapResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var existing = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            account.Set(existing);
            return new BootstrapResult(false, existing.AccountId, null);
        }

        var configured = options.Value.RootPassword;
        var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
        var now = time.GetUtcNow();
        var created = new Account { AccountId = NewAccountId(), Alias = options.Value.AccountAlias, CreatedAt = now };

        // Encrypt the administrator's secret before the transaction: the first Protect creates a Data Protection key,
        // which is written to this same database and would wait on our own write lock.
        var protectedAdminSecret = ProtectedAdminSecret();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Accounts.Add(created);
        await db.SaveChangesAsync(cancellationToken);

        var root = RamUser.NewRoot(now);
        var result = await users.CreateAsync(root, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                "Bootstrap:RootPassword does not meet the password policy: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        account.Set(created);
        audit.Stage(db, new AuditEntry
        {
            Action = Policy.Catalog.SystemEvents.BootstrapAccount,
            PrincipalArn = "system",
            PrincipalType = "System",
            Channel = AuditChannel.System,
            ResourceArn = Arns.Root(created.AccountId),
            RequestId = Guid.NewGuid().ToString(),
            After = new { created.AccountId, created.Alias, RootUserName = root.UserName, RootPasswordSource = configured is null ? "generated" : "configured" },
        });
        AddAdministrator(created.AccountId, now, protectedAdminSecret);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new BootstrapResult(true, created.AccountId, string.IsNullOrEmpty(configured) ? password : null);
    }

    /// <summary>Bootstrap:AdminUserName (+ AdminAccessKeyId/Secret): an administrator for automation, in the same transaction.</summary>
    private string? ProtectedAdminSecret()
    {
        var o = options.Value;
        if (o.AdminAccessKeyId is not { } id) return null;
        if (!System.Text.RegularExpressions.Regex.IsMatch(id, "^LTAI[0-9A-Za-z]{12,28}$") || o.AdminAccessKeySecret is not { Length: >= 16 and <= 64 } secret
            || !secret.All(char.IsAsciiLetterOrDigit))
        {
            throw new InvalidOperationException("Bootstrap:AdminAccessKeyId must be LTAI followed by 12–28 letters or digits, and Bootstrap:AdminAccessKeySecret 16–64 letters or digits.");
        }
        return dataProtection.CreateProtector(AccessKeys.AccessKeyUseCases.ProtectorPurpose).Protect(secret);
    }

    private void AddAdministrator(string accountId, DateTimeOffset now, string? protectedSecret)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.AdminUserName))
        {
            if (o.AdminAccessKeyId is not null) throw new InvalidOperationException("Bootstrap:AdminAccessKeyId needs Bootstrap:AdminUserName.");
            return;
        }
        var name = Naming.RamNames.UserName(o.AdminUserName);
        var admin = new RamUser
        {
            UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = "Bootstrap administrator", CreatedAt = now, UpdatedAt = now,
            LockoutEnabled = true, SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(admin);
        db.PolicyAttachments.Add(new Policies.PolicyAttachment
        {
            PolicyType = "System", PolicyName = "AdministratorAccess", PrincipalType = PrincipalKind.User, PrincipalId = admin.Id, AttachedAt = now,
        });
        if (o.AdminAccessKeyId is { } id && protectedSecret is not null)
        {
            db.AccessKeys.Add(new AccessKeys.AccessKey { AccessKeyId = id, UserId = admin.Id, CreatedAt = now, ProtectedSecret = protectedSecret });
        }
        audit.Stage(db, new AuditEntry
        {
            Action = Policy.Catalog.SystemEvents.BootstrapAdministrator, PrincipalArn = "system", PrincipalType = "System", Channel = AuditChannel.System,
            ResourceArn = Arns.User(accountId, name), RequestId = Guid.NewGuid().ToString(),
            After = new { UserName = name, Policy = "AdministratorAccess", AccessKeyId = o.AdminAccessKeyId },
        });
    }

    /// <summary>16 digits, first non-zero, like Alibaba Cloud account ids.</summary>
    internal static string NewAccountId() =>
        RandomNumberGenerator.GetInt32(1, 10).ToString(System.Globalization.CultureInfo.InvariantCulture)
        + RandomNumberGenerator.GetString("0123456789", 15);

    /// <summary>24 characters with every character class, so it satisfies any password policy the settings allow.</summary>
    internal static string GeneratePassword()
    {
        const string lower = "abcdefghijkmnopqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "!@#%^*-_=+";
        var chars = (RandomNumberGenerator.GetString(lower, 8) + RandomNumberGenerator.GetString(upper, 8)
            + RandomNumberGenerator.GetString(digits, 4) + RandomNumberGenerator.GetString(symbols, 4)).ToCharArray();
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
