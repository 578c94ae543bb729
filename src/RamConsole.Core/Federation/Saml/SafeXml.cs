using System.Xml;

namespace RamConsole.Core.Federation.Saml;

/// <summary>
/// The only way SAML documents (metadata, responses) are parsed. Rules: no DTD at all (a DOCTYPE is refused, so no
/// entity expansion — billion laughs — and no external entities); no resolver (nothing is ever fetched); a size cap on
/// the characters read; whitespace preserved (signatures are computed over the exact text).
/// </summary>
public static class SafeXml
{
    /// <summary>The largest document accepted (a metadata file with a few certificates is ~10 KB; a response ~10–20 KB).</summary>
    public const int MaxCharacters = 256 * 1024;

    /// <summary>The parsed document, or null (with why) when it is not well-formed, has a DTD, or is too large.</summary>
    public static XmlDocument? TryLoad(string xml, out string? error)
    {
        error = null;
        if (xml.Length > MaxCharacters)
        {
            error = $"the document is longer than {MaxCharacters} characters";
            return null;
        }
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxCharacters,
            MaxCharactersFromEntities = 0,
            IgnoreComments = false,
            IgnoreProcessingInstructions = true,
        };
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            document.Load(reader);
            return document;
        }
        catch (XmlException e)
        {
            error = e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase) ? "a DTD (DOCTYPE) is not allowed" : "it is not well-formed XML";
            return null;
        }
    }
}
