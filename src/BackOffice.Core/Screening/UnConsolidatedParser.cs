using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace BackOffice.Core.Screening;

/// <summary>
/// The UN Security Council Consolidated List XML: CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL and ENTITIES/ENTITY, aliases
/// in *_ALIAS (quality "Low" is a weak alias). A file that is not well-formed XML (a truncated download) is refused whole.
/// </summary>
public static class UnConsolidatedParser
{
    public static SanctionsListContent Parse(string listName, SanctionsListFiles files)
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(files.Get(SanctionsListFiles.UnXml));
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new SanctionsListFormatException($"The UN list is not well-formed XML (truncated?): {e.Message}", e);
        }

        var root = document.Root;
        if (root?.Name.LocalName != "CONSOLIDATED_LIST")
            throw new SanctionsListFormatException($"The UN list's root element is <{root?.Name.LocalName}>, not <CONSOLIDATED_LIST>.");
        DateTime? published = DateTimeOffset.TryParse((string?)root.Attribute("dateGenerated"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var generated)
            ? generated.UtcDateTime : files.PublishedAt;

        var entries = new List<ListEntry>();
        foreach (var individual in root.Elements("INDIVIDUALS").Elements("INDIVIDUAL"))
            entries.Add(Read(listName, individual, ListEntryKind.Individual, "INDIVIDUAL"));
        foreach (var entity in root.Elements("ENTITIES").Elements("ENTITY"))
            entries.Add(Read(listName, entity, ListEntryKind.Entity, "ENTITY"));
        if (entries.Count == 0) throw new SanctionsListFormatException("The UN list has no individuals or entities.");

        return new SanctionsListContent(listName, SanctionsListFormat.UnConsolidatedXml, files.ContentHash(), published, entries);
    }

    private static ListEntry Read(string listName, XElement element, ListEntryKind kind, string prefix)
    {
        var id = Text(element, "REFERENCE_NUMBER") ?? Text(element, "DATAID")
            ?? throw new SanctionsListFormatException($"An {prefix} has neither a reference number nor a DATAID.");
        var name = string.Join(' ', new[] { "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME" }.Select(n => Text(element, n)).Where(n => n is not null));
        if (name.Length == 0) throw new SanctionsListFormatException($"The UN entry {id} has no name.");

        var aliases = new List<string>();
        var weak = new List<string>();
        foreach (var alias in element.Elements(prefix + "_ALIAS"))
        {
            if (Text(alias, "ALIAS_NAME") is not { } aliasName) continue;
            (string.Equals(Text(alias, "QUALITY"), "Low", StringComparison.OrdinalIgnoreCase) ? weak : aliases).Add(aliasName);
        }

        var countries = new HashSet<string>();
        var addresses = new List<string>();
        foreach (var address in element.Elements(prefix + "_ADDRESS"))
        {
            var parts = new[] { "STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY", "NOTE" }.Select(n => Text(address, n)).Where(p => p is not null).ToList();
            if (parts.Count > 0) addresses.Add(string.Join(", ", parts));
            if (CountryNames.ToCode(Text(address, "COUNTRY")) is { } code) countries.Add(code);
        }
        foreach (var nationality in element.Elements("NATIONALITY").Elements("VALUE"))
            if (CountryNames.ToCode(nationality.Value.Trim()) is { } code) countries.Add(code);

        var dobs = element.Elements(prefix + "_DATE_OF_BIRTH").Select(DateOfBirth).Where(d => d is not null).Select(d => d!).ToList();
        var remarks = string.Join(" ", new[] { Text(element, "COMMENTS1") }.Concat(element.Elements("DESIGNATION").Elements("VALUE").Select(v => v.Value.Trim()))
            .Where(t => !string.IsNullOrEmpty(t)));

        return new ListEntry
        {
            ListName = listName,
            EntryId = id,
            Kind = kind,
            PrimaryName = name,
            Aliases = aliases.Distinct().ToList(),
            WeakAliases = weak.Distinct().ToList(),
            Programs = Text(element, "UN_LIST_TYPE") is { } program ? [program] : [],
            Remarks = remarks.Length == 0 ? null : remarks,
            DatesOfBirth = dobs,
            Addresses = addresses,
            CountryCodes = countries.Order(StringComparer.Ordinal).ToList(),
        };
    }

    private static string? DateOfBirth(XElement dob)
    {
        var type = Text(dob, "TYPE_OF_DATE");
        var value = Text(dob, "DATE") ?? Text(dob, "YEAR")
            ?? (Text(dob, "FROM_YEAR") is { } from ? $"{from}–{Text(dob, "TO_YEAR")}" : null);
        if (value is null) return null;
        return type is null or "EXACT" ? value : $"{value} ({type.ToLowerInvariant()})";
    }

    private static string? Text(XElement parent, string name)
    {
        var value = parent.Element(name)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
