using System.Globalization;
using System.Text.Json;
using RamConsole.Policy.Conditions;
using RamConsole.Policy.Matching;

namespace RamConsole.Policy.Documents;

/// <summary>
/// Validates and compiles RAM policy documents (DESIGN §3). Every input, however broken, yields either a document or
/// a <see cref="PolicyError"/> whose message names the element and the reason, e.g.
/// <c>Statement[2].Condition.IpAddress: "300.1.1.1/8" is not an IP address or CIDR block</c> (statement indexes are
/// 0-based, as in evaluation results).
/// </summary>
public static class PolicyParser
{
    public const int DefaultMaxLength = 6144;

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 32, CommentHandling = JsonCommentHandling.Disallow };

    public static PolicyParseResult Parse(string? text, PolicyDocumentKind kind = PolicyDocumentKind.Identity, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail(PolicyError.Malformed, "The policy document is empty.");
        }
        if (text.Length > maxLength)
        {
            return Fail(PolicyError.TooLong, $"The policy document has {text.Length} characters; at most {maxLength} are allowed.");
        }
        try
        {
            using var json = JsonDocument.Parse(text, JsonOptions);
            return new PolicyParseResult(ReadDocument(text, json.RootElement, kind), null);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            return Fail(PolicyError.Malformed, $"The policy document is not valid JSON{where}.");
        }
        catch (PolicySyntaxException e)
        {
            return Fail(PolicyError.Malformed, e.Message);
        }
        catch (ArgumentException)
        {
            // JsonDocument refuses text it cannot transcode to UTF-8 (a lone surrogate, for one).
            return Fail(PolicyError.Malformed, "The policy document contains characters that are not valid Unicode.");
        }
    }

    /// <summary>Parses a document that is known to be valid (system policies); throws if it is not.</summary>
    public static PolicyDocument ParseValid(string text, PolicyDocumentKind kind = PolicyDocumentKind.Identity)
    {
        var result = Parse(text, kind, int.MaxValue);
        return result.Document ?? throw new ArgumentException(result.Error!.Message, nameof(text));
    }

    private static PolicyParseResult Fail(string code, string message) => new(null, new PolicyError(code, message));

    private static PolicyDocument ReadDocument(string text, JsonElement root, PolicyDocumentKind kind)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new PolicySyntaxException("Document", "must be a JSON object");
        JsonElement? version = null, statement = null;
        foreach (var property in UniqueProperties(root, "Document"))
        {
            switch (property.Name)
            {
                case "Version": version = property.Value; break;
                case "Statement": statement = property.Value; break;
                default: throw new PolicySyntaxException(property.Name, "is not a policy element (expected Version and Statement)");
            }
        }
        if (version is null) throw new PolicySyntaxException("Version", "is required and must be \"1\"");
        if (version.Value.ValueKind != JsonValueKind.String || version.Value.GetString() != "1")
        {
            throw new PolicySyntaxException("Version", $"must be \"1\", not {Show(version.Value)}");
        }
        if (statement is null) throw new PolicySyntaxException("Statement", "is required");

        var statements = new List<PolicyStatement>();
        switch (statement.Value.ValueKind)
        {
            case JsonValueKind.Object:
                statements.Add(ReadStatement(statement.Value, 0, kind));
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in statement.Value.EnumerateArray()) statements.Add(ReadStatement(item, index++, kind));
                if (index == 0) throw new PolicySyntaxException("Statement", "must contain at least one statement");
                break;
            default:
                throw new PolicySyntaxException("Statement", "must be an object or an array of objects");
        }
        return new PolicyDocument(text, kind, [.. statements]);
    }

    private static PolicyStatement ReadStatement(JsonElement element, int index, PolicyDocumentKind kind)
    {
        var path = $"Statement[{index}]";
        if (element.ValueKind != JsonValueKind.Object) throw new PolicySyntaxException(path, $"must be an object, not {Show(element)}");
        JsonElement? effect = null, action = null, notAction = null, resource = null, notResource = null, principal = null, condition = null;
        foreach (var property in UniqueProperties(element, path))
        {
            switch (property.Name)
            {
                case "Effect": effect = property.Value; break;
                case "Action": action = property.Value; break;
                case "NotAction": notAction = property.Value; break;
                case "Resource": resource = property.Value; break;
                case "NotResource": notResource = property.Value; break;
                case "Principal": principal = property.Value; break;
                case "Condition": condition = property.Value; break;
                default: throw new PolicySyntaxException($"{path}.{property.Name}", "is not a statement element");
            }
        }

        if (effect is null) throw new PolicySyntaxException($"{path}.Effect", "is required (\"Allow\" or \"Deny\")");
        var effectValue = effect.Value.ValueKind == JsonValueKind.String ? effect.Value.GetString() : null;
        var parsedEffect = effectValue switch
        {
            "Allow" => Effect.Allow,
            "Deny" => Effect.Deny,
            _ => throw new PolicySyntaxException($"{path}.Effect", $"must be \"Allow\" or \"Deny\", not {Show(effect.Value)}"),
        };

        if ((action is null) == (notAction is null)) throw new PolicySyntaxException(path, "must have exactly one of Action or NotAction");
        var actionName = action is null ? "NotAction" : "Action";
        var actions = Strings(action ?? notAction!.Value, $"{path}.{actionName}")
            .Select(a => ValidateAction(a, $"{path}.{actionName}")).Select(a => new Glob(a, ignoreCase: true)).ToArray();

        Glob[] resources = [];
        string[] resourcePatterns = [];
        TrustPrincipal? trustPrincipal = null;
        var isNotResource = notResource is not null;
        if (kind == PolicyDocumentKind.Trust)
        {
            if (resource is not null || notResource is not null) throw new PolicySyntaxException(path, "a trust policy names a Principal, not a Resource");
            if (principal is null) throw new PolicySyntaxException($"{path}.Principal", "is required in a trust policy (RAM, Service or Federated)");
            trustPrincipal = ReadPrincipal(principal.Value, $"{path}.Principal");
        }
        else
        {
            if (principal is not null) throw new PolicySyntaxException($"{path}.Principal", "is only allowed in a role's trust policy");
            if ((resource is null) == (notResource is null)) throw new PolicySyntaxException(path, "must have exactly one of Resource or NotResource");
            var resourceName = resource is null ? "NotResource" : "Resource";
            resourcePatterns = Strings(resource ?? notResource!.Value, $"{path}.{resourceName}")
                .Select(r => ValidateResource(r, $"{path}.{resourceName}")).ToArray();
            resources = resourcePatterns.Select(r => new Glob(r, ignoreCase: false)).ToArray();
        }

        var conditions = condition is null ? [] : ReadConditions(condition.Value, $"{path}.Condition");
        return new PolicyStatement(index, parsedEffect, actions, notAction is not null, resources, isNotResource, trustPrincipal, conditions)
        {
            ResourcePatterns = resourcePatterns,
        };
    }

    private static TrustPrincipal ReadPrincipal(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new PolicySyntaxException(path, "must be an object with RAM, Service or Federated");
        string[] ram = [], service = [], federated = [];
        foreach (var property in UniqueProperties(element, path))
        {
            var values = Strings(property.Value, $"{path}.{property.Name}");
            switch (property.Name)
            {
                case "RAM":
                    foreach (var v in values)
                    {
                        if (v != "*" && !v.StartsWith("acs:ram::", StringComparison.Ordinal))
                            throw new PolicySyntaxException($"{path}.RAM", $"\"{v}\" is not a RAM principal ARN (acs:ram::<AccountId>:root|user/<name>|role/<name>)");
                    }
                    ram = values;
                    break;
                case "Service":
                    foreach (var v in values)
                    {
                        if (!v.Contains('.', StringComparison.Ordinal))
                            throw new PolicySyntaxException($"{path}.Service", $"\"{v}\" is not a service name (e.g. ecs.aliyuncs.com)");
                    }
                    service = values;
                    break;
                case "Federated":
                    federated = values;
                    break;
                default:
                    throw new PolicySyntaxException($"{path}.{property.Name}", "is not a principal type (RAM, Service or Federated)");
            }
        }
        if (ram.Length + service.Length + federated.Length == 0) throw new PolicySyntaxException(path, "must name at least one principal");
        return new TrustPrincipal(ram, service, federated);
    }

    private static Condition[] ReadConditions(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new PolicySyntaxException(path, "must be an object of operators");
        var conditions = new List<Condition>();
        foreach (var block in UniqueProperties(element, path))
        {
            var opPath = $"{path}.{block.Name}";
            if (!ConditionOperators.TryParse(block.Name, out var op)) throw new PolicySyntaxException(opPath, "is not a known condition operator");
            if (block.Value.ValueKind != JsonValueKind.Object) throw new PolicySyntaxException(opPath, "must map condition keys to values");
            var keys = 0;
            foreach (var entry in UniqueProperties(block.Value, opPath))
            {
                keys++;
                if (string.IsNullOrWhiteSpace(entry.Name)) throw new PolicySyntaxException(opPath, "has an empty condition key");
                conditions.Add(CompileCondition(op, entry.Name, Scalars(entry.Value, $"{opPath}.{entry.Name}"), opPath));
            }
            if (keys == 0) throw new PolicySyntaxException(opPath, "must name at least one condition key");
        }
        return [.. conditions];
    }

    private static Condition CompileCondition(ConditionOperator op, string key, string[] values, string path)
    {
        switch (ConditionOperators.Family(op))
        {
            case "Ip":
                var ranges = values.Select(v => IpRange.TryParse(v, out var r) ? r
                    : throw new PolicySyntaxException(path, $"\"{v}\" is not an IP address or CIDR block")).ToArray();
                return new Condition(op, key, values) { Ranges = ranges };
            case "Date":
                var instants = values.Select(v => IsoTime.TryParseUtcTicks(v, out var t) ? t
                    : throw new PolicySyntaxException(path, $"\"{v}\" is not an ISO 8601 date and time (e.g. 2026-01-31T23:59:59Z)")).ToArray();
                return new Condition(op, key, values) { Instants = instants };
            case "Numeric":
                var numbers = values.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n
                    : throw new PolicySyntaxException(path, $"\"{v}\" is not a number")).ToArray();
                return new Condition(op, key, values) { Numbers = numbers };
            case "Bool":
                // DESIGN §3: values under one key are OR'ed for every operator, so ["true","false"] holds for either.
                var flags = values.Select(v => Condition.TryParseBool(v, out var flag) ? flag
                    : throw new PolicySyntaxException(path, $"takes \"true\" or \"false\" (or a list of them), not \"{v}\"")).ToArray();
                return new Condition(op, key, values) { MatchesTrue = flags.Contains(true), MatchesFalse = flags.Contains(false) };
            default:
                var likes = op is ConditionOperator.StringLike or ConditionOperator.StringNotLike
                    ? values.Select(v => new Glob(v, ignoreCase: false)).ToArray()
                    : [];
                return new Condition(op, key, values) { Likes = likes };
        }
    }

    private static string ValidateAction(string action, string path)
    {
        if (action == "*") return action;
        var colon = action.IndexOf(':');
        if (colon <= 0 || colon == action.Length - 1 || action.IndexOf(':', colon + 1) >= 0
            || action.AsSpan(0, colon).ContainsAnyExcept(ServiceChars) || action.AsSpan(colon + 1).ContainsAnyExcept(ActionChars))
        {
            throw new PolicySyntaxException(path, $"\"{action}\" is not an action (service:Action, wildcards * and ? allowed)");
        }
        return action;
    }

    private static string ValidateResource(string resource, string path)
    {
        if (resource.Length == 0 || resource.Length > 1024 || resource.Any(char.IsControl)
            || resource != "*" && !resource.StartsWith("acs:", StringComparison.Ordinal) && !resource.All(c => c is '*' or '?'))
        {
            throw new PolicySyntaxException(path, $"\"{Truncate(resource)}\" is not a resource (\"*\" or an ARN starting with acs:)");
        }
        return resource;
    }

    private static readonly System.Buffers.SearchValues<char> ServiceChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_*?");

    private static readonly System.Buffers.SearchValues<char> ActionChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_*?.");

    /// <summary>A string or a non-empty array of strings (scalar ≡ one-element array).</summary>
    private static string[] Strings(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return [element.GetString()!];
            case JsonValueKind.Array:
                var values = new List<string>();
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String) throw new PolicySyntaxException(path, $"must hold strings, not {Show(item)}");
                    values.Add(item.GetString()!);
                }
                if (values.Count == 0) throw new PolicySyntaxException(path, "must not be empty");
                return [.. values];
            default:
                throw new PolicySyntaxException(path, $"must be a string or an array of strings, not {Show(element)}");
        }
    }

    /// <summary>Condition values: strings, numbers or booleans, alone or in a non-empty array.</summary>
    private static string[] Scalars(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array) return [Scalar(element, path)];
        var values = element.EnumerateArray().Select(item => Scalar(item, path)).ToArray();
        if (values.Length == 0) throw new PolicySyntaxException(path, "must not be empty");
        return values;
    }

    private static string Scalar(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new PolicySyntaxException(path, $"values must be strings, numbers or booleans, not {Show(element)}"),
    };

    private static IEnumerable<JsonProperty> UniqueProperties(JsonElement element, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name)) throw new PolicySyntaxException($"{path}.{property.Name}", "appears more than once");
            yield return property;
        }
    }

    private static string Show(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"\"{Truncate(element.GetString()!)}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => Truncate(element.GetRawText()),
    };

    private static string Truncate(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
