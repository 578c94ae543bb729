namespace RamConsole.Web.Components.Pages.Roles;

/// <summary>Starting points for a role's trust policy: who may assume it.</summary>
public static class TrustPolicyTemplates
{
    public static string ThisAccount(string accountId) => Document($$"""{"RAM": ["acs:ram::{{accountId}}:root"]}""");

    public static string RamUser(string accountId, string userName) => Document($$"""{"RAM": ["acs:ram::{{accountId}}:user/{{userName}}"]}""");

    public static string Service(string service) => Document($$"""{"Service": ["{{service}}"]}""");

    private static string Document(string principal) => $$"""
        {
          "Version": "1",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": "sts:AssumeRole",
              "Principal": {{principal}}
            }
          ]
        }
        """;
}
