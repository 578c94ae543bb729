using RamConsole.Policy.Documents;

namespace RamConsole.Policy.Tests.Documents;

public sealed class PolicyParserTests
{
    private static string Doc(string statement) => $$"""{"Version":"1","Statement":[{{statement}}]}""";

    private static string ErrorOf(string document, PolicyDocumentKind kind = PolicyDocumentKind.Identity)
    {
        var result = PolicyParser.Parse(document, kind);
        Assert.False(result.IsValid);
        Assert.Equal(PolicyError.Malformed, result.Error!.Code);
        return result.Error.Message;
    }

    [Fact]
    public void A_bad_CIDR_names_the_statement_the_operator_and_the_value()
    {
        var document = Doc("""{"Effect":"Allow","Action":"kvstore:*","Resource":"*"},{"Effect":"Allow","Action":"kvstore:*","Resource":"*"},""" +
            """{"Effect":"Allow","Action":"kvstore:*","Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":"300.1.1.1/8"}}}""");

        Assert.Equal("Statement[2].Condition.IpAddress: \"300.1.1.1/8\" is not an IP address or CIDR block", ErrorOf(document));
    }

    [Theory]
    [InlineData("""{"Effect":"Permit","Action":"a:b","Resource":"*"}""", "Statement[0].Effect: must be \"Allow\" or \"Deny\", not \"Permit\"")]
    [InlineData("""{"Effect":"Allow","Action":"a:b","NotAction":"c:d","Resource":"*"}""", "Statement[0]: must have exactly one of Action or NotAction")]
    [InlineData("""{"Effect":"Allow","Action":"a:b"}""", "Statement[0]: must have exactly one of Resource or NotResource")]
    [InlineData("""{"Effect":"Allow","Action":"nocolon","Resource":"*"}""", "Statement[0].Action: \"nocolon\" is not an action (service:Action, wildcards * and ? allowed)")]
    [InlineData("""{"Effect":"Allow","Action":[],"Resource":"*"}""", "Statement[0].Action: must not be empty")]
    [InlineData("""{"Effect":"Allow","Action":"a:b","Resource":"arn:aws:s3:::x"}""", "Statement[0].Resource: \"arn:aws:s3:::x\" is not a resource (\"*\" or an ARN starting with acs:)")]
    [InlineData("""{"Effect":"Allow","Action":"a:b","Resource":"*","Sid":"x"}""", "Statement[0].Sid: is not a statement element")]
    [InlineData("""{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":{"DateLessThan":{"acs:CurrentTime":"next tuesday"}}}""", "Statement[0].Condition.DateLessThan: \"next tuesday\" is not an ISO 8601 date and time (e.g. 2026-01-31T23:59:59Z)")]
    [InlineData("""{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":{"NumericLessThan":{"sts:DurationSeconds":"soon"}}}""", "Statement[0].Condition.NumericLessThan: \"soon\" is not a number")]
    [InlineData("""{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":{"Bool":{"acs:MFAPresent":"yes"}}}""", "Statement[0].Condition.Bool: takes \"true\" or \"false\" (or a list of them), not \"yes\"")]
    [InlineData("""{"Effect":"Allow","Action":"a:b","Resource":"*","Condition":{"StringEquals":{"k":{"x":1}}}}""", "Statement[0].Condition.StringEquals.k: values must be strings, numbers or booleans, not an object")]
    [InlineData("""{"Effect":"Allow","Action":"a:b","Resource":"*","Principal":{"RAM":"*"}}""", "Statement[0].Principal: is only allowed in a role's trust policy")]
    public void Statement_errors_say_where_and_why(string statement, string message)
    {
        Assert.Equal(message, ErrorOf(Doc(statement)));
    }

    [Fact]
    public void A_duplicated_element_is_refused()
    {
        Assert.Equal("Statement[0].Effect: appears more than once", ErrorOf(Doc("""{"Effect":"Allow","Effect":"Deny","Action":"a:b","Resource":"*"}""")));
    }

    [Fact]
    public void The_length_limit_is_configurable_and_has_its_own_code()
    {
        var document = Doc("""{"Effect":"Allow","Action":"kvstore:*","Resource":"*"}""");

        Assert.True(PolicyParser.Parse(document).IsValid);
        var refused = PolicyParser.Parse(document, maxLength: 20);
        Assert.Equal(PolicyError.TooLong, refused.Error!.Code);
        Assert.Contains("at most 20", refused.Error.Message);
    }

    [Fact]
    public void A_statement_may_be_a_single_object_and_scalars_equal_one_element_arrays()
    {
        var single = PolicyParser.Parse("""{"Version":"1","Statement":{"Effect":"Deny","Action":"ram:*","Resource":"*"}}""");

        var statement = Assert.Single(single.Document!.Statements);
        Assert.Equal(Effect.Deny, statement.Effect);
        Assert.Equal(["ram:*"], statement.ActionPatterns);
        Assert.Equal(["*"], statement.ResourcePatterns);
    }

    [Fact]
    public void Condition_values_may_be_numbers_and_booleans()
    {
        var parsed = PolicyParser.Parse(Doc("""{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*","Condition":{"Bool":{"acs:MFAPresent":true},"NumericLessThanEquals":{"sts:DurationSeconds":[900,3600]}}}"""));

        Assert.True(parsed.IsValid, parsed.Error?.Message);
        Assert.Equal(2, parsed.Document!.Statements[0].Conditions.Count);
    }

    [Fact]
    public void A_trust_policy_needs_a_principal_and_no_resource()
    {
        const string trust = """{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::1234567890123456:root"]}}]}""";

        Assert.True(PolicyParser.Parse(trust, PolicyDocumentKind.Trust).IsValid);
        Assert.Equal("Statement[0].Principal: is required in a trust policy (RAM, Service or Federated)",
            ErrorOf(Doc("""{"Effect":"Allow","Action":"sts:AssumeRole"}"""), PolicyDocumentKind.Trust));
        Assert.Equal("Statement[0]: a trust policy names a Principal, not a Resource",
            ErrorOf(Doc("""{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*","Principal":{"RAM":"*"}}"""), PolicyDocumentKind.Trust));
        Assert.Equal("Statement[0].Principal.RAM: \"bob\" is not a RAM principal ARN (acs:ram::<AccountId>:root|user/<name>|role/<name>)",
            ErrorOf(Doc("""{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"bob"}}"""), PolicyDocumentKind.Trust));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"Version\":\"1\",\"Statement\":[]}")]
    [InlineData("{\"Version\":1,\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"a:b\",\"Resource\":\"*\"}}")]
    [InlineData("{\"Version\":\"1\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"a:b\",\"Resource\":\"*\"}} trailing")]
    public void Degenerate_documents_are_malformed(string document)
    {
        Assert.Equal(PolicyError.Malformed, PolicyParser.Parse(document).Error!.Code);
    }
}
