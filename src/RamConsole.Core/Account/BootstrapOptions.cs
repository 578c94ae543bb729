namespace RamConsole.Core.Account;

/// <summary>First-start settings (section <c>Bootstrap</c>, DESIGN §8). Read only while the database is empty.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    /// <summary>Root's console password. When unset a random one is generated and shown once.</summary>
    public string? RootPassword { get; set; }

    /// <summary>The account alias shown in the console.</summary>
    public string AccountAlias { get; set; } = "ramconsole";

    /// <summary>For automation: a RAM user created with AdministratorAccess on the first start.</summary>
    public string? AdminUserName { get; set; }

    /// <summary>For automation: that user's AccessKey, exactly as given (id LTAI…, secret), so scripts know it in advance.</summary>
    public string? AdminAccessKeyId { get; set; }

    [Audit.Secret]
    public string? AdminAccessKeySecret { get; set; }
}
