namespace RamConsole.Web.Identity;

/// <summary>Claim types the console puts in its session cookie.</summary>
public static class ConsoleClaims
{
    public const string Kind = "ram:kind";
    public const string Arn = "ram:arn";
    public const string DisplayName = "ram:display";

    /// <summary>The server-side console session this cookie belongs to (checked on every request).</summary>
    public const string SessionId = "ram:sid";

    /// <summary>Present ("1") on a restricted session that may only enrol a second factor.</summary>
    public const string Enrolment = "ram:enrol";

    /// <summary>Factors used at sign-in (RFC 8176 values: <c>pwd</c>, <c>otp</c>, <c>hwk</c>, plus <c>mfa</c> when a second factor was used).</summary>
    public const string AuthenticationMethod = "amr";
}
