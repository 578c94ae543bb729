namespace RamConsole.Web.Identity;

/// <summary>Claim types the console puts in its session cookie.</summary>
public static class ConsoleClaims
{
    public const string Kind = "ram:kind";
    public const string Arn = "ram:arn";
    public const string DisplayName = "ram:display";

    /// <summary>Authentication methods used at sign-in (RFC 8176 values: <c>pwd</c>, <c>otp</c>, <c>hwk</c>, <c>mfa</c>).</summary>
    public const string AuthenticationMethod = "amr";
}
