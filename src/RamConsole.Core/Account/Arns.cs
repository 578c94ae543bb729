namespace RamConsole.Core.Account;

/// <summary>Alibaba Cloud resource names of RAM principals (DESIGN §2).</summary>
public static class Arns
{
    public static string Root(string accountId) => $"acs:ram::{accountId}:root";
    public static string User(string accountId, string userName) => $"acs:ram::{accountId}:user/{userName}";
    public static string Group(string accountId, string groupName) => $"acs:ram::{accountId}:group/{groupName}";
    public static string Role(string accountId, string roleName) => $"acs:ram::{accountId}:role/{roleName}";
    public static string SamlProvider(string accountId, string name) => $"acs:ram::{accountId}:saml-provider/{name}";
    public static string OidcProvider(string accountId, string name) => $"acs:ram::{accountId}:oidc-provider/{name}";
    public static string Policy(string accountId, string policyType, string policyName) => $"acs:ram::{accountId}:policy/{policyType}/{policyName}";
}
