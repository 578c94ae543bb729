using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace RamConsole.Web.Api;

/// <summary>
/// Alibaba's XML form of a response (<c>Format=XML</c>): the JSON tree as elements under <c>&lt;ActionResponse&gt;</c>
/// (or <c>&lt;Error&gt;</c>); an array repeats its property's element, so <c>{"Users":{"User":[a,b]}}</c> becomes
/// <c>&lt;Users&gt;&lt;User&gt;a&lt;/User&gt;&lt;User&gt;b&lt;/User&gt;&lt;/Users&gt;</c>.
/// </summary>
public static class XmlResponse
{
    public static string From(string rootName, JsonObject body)
    {
        var root = new XElement(rootName);
        foreach (var (name, value) in body) Append(root, name, value);
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), root).Declaration + "\n" + root;
    }

    private static void Append(XElement parent, string name, JsonNode? value)
    {
        var elementName = XmlConvert(name);
        switch (value)
        {
            case JsonArray array:
                foreach (var item in array) Append(parent, name, item);
                break;
            case JsonObject obj:
                var child = new XElement(elementName);
                foreach (var (n, v) in obj) Append(child, n, v);
                parent.Add(child);
                break;
            case null:
                parent.Add(new XElement(elementName));
                break;
            default:
                var text = value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                parent.Add(new XElement(elementName, text));
                break;
        }
    }

    private static string XmlConvert(string name) => System.Xml.XmlConvert.EncodeLocalName(name);
}
