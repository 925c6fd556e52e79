using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace BackOffice.Core.Screening;

/// <summary>
/// OFAC's SDN list in its CSV set: sdn.csv (entries), alt.csv (aliases), add.csv (addresses), joined on ent_num. No
/// header rows; "-0-" means empty. Any malformed row refuses the whole list.
/// </summary>
public static partial class OfacSdnParser
{
    private const int SdnColumns = 12, AltColumns = 5, AddColumns = 6;

    public static SanctionsListContent Parse(string listName, SanctionsListFiles files)
    {
        var entries = new Dictionary<int, Builder>();
        var warnings = new List<string>();
        foreach (var (row, line) in Rows(files.Get(SanctionsListFiles.OfacSdn), SanctionsListFiles.OfacSdn, SdnColumns))
        {
            var id = EntNum(row[0], SanctionsListFiles.OfacSdn, line);
            var name = Value(row[1]) ?? throw Malformed(SanctionsListFiles.OfacSdn, line, "has no name");
            var kind = Value(row[2])?.ToLowerInvariant() switch
            {
                "individual" => ListEntryKind.Individual,
                "vessel" => ListEntryKind.Vessel,
                "aircraft" => ListEntryKind.Aircraft,
                null => ListEntryKind.Entity,
                var other => throw Malformed(SanctionsListFiles.OfacSdn, line, $"has an unknown type '{other}'"),
            };
            var remarks = Value(row[11]);
            // The published files are not perfect (the 2022-01-31 sdn.csv repeats an ent_num on its last row): such a row
            // is skipped and said, rather than refusing the whole list.
            if (!entries.TryAdd(id, new Builder(id, name, kind, Value(row[3]), remarks)))
                warnings.Add($"{SanctionsListFiles.OfacSdn} row {line} repeats ent_num {id}; skipped");
        }
        if (entries.Count == 0) throw new SanctionsListFormatException($"{SanctionsListFiles.OfacSdn} has no entries.");

        foreach (var (row, line) in Rows(files.Get(SanctionsListFiles.OfacAlt), SanctionsListFiles.OfacAlt, AltColumns))
        {
            var entry = Find(entries, row[0], SanctionsListFiles.OfacAlt, line, warnings);
            if (entry is not null && Value(row[3]) is { } alias) entry.Aliases.Add(alias);
        }
        foreach (var (row, line) in Rows(files.Get(SanctionsListFiles.OfacAdd), SanctionsListFiles.OfacAdd, AddColumns))
        {
            if (Find(entries, row[0], SanctionsListFiles.OfacAdd, line, warnings) is not { } entry) continue;
            var parts = new[] { Value(row[2]), Value(row[3]), Value(row[4]) }.Where(p => p is not null);
            var address = string.Join(", ", parts);
            if (address.Length > 0) entry.Addresses.Add(address);
            if (CountryNames.ToCode(Value(row[4])) is { } code) entry.Countries.Add(code);
        }

        var list = entries.Values.Select(b => b.Build(listName)).ToList();
        return new SanctionsListContent(listName, SanctionsListFormat.OfacSdnCsv, files.ContentHash(), files.PublishedAt, list) { Warnings = warnings };
    }

    /// <summary>"LAST, First Middle" as "First Middle LAST"; an entity's name as it is.</summary>
    public static string NaturalOrder(string sdnName)
    {
        var comma = sdnName.IndexOf(',');
        return comma < 0 ? sdnName : $"{sdnName[(comma + 1)..].Trim()} {sdnName[..comma].Trim()}".Trim();
    }

    /// <summary>RFC 4180 rows (quoted fields may hold commas, quotes and line breaks); an unterminated quote is a truncated file.</summary>
    private static IEnumerable<(string[] Row, int Line)> Rows(byte[] bytes, string file, int columns)
    {
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException) { text = Encoding.Latin1.GetString(bytes); } // older OFAC files are Windows-1252
        text = text.TrimEnd('\u001a', '\r', '\n', ' ');
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var line = 0;
        var position = 0;
        var row = new List<string>(columns);
        var field = new StringBuilder();
        while (position < text.Length)
        {
            row.Clear();
            line++;
            while (true)
            {
                field.Clear();
                if (position < text.Length && text[position] == '"')
                {
                    position++;
                    while (true)
                    {
                        if (position >= text.Length) throw Malformed(file, line, "ends inside a quoted field (the file is truncated)");
                        var c = text[position++];
                        if (c != '"') { field.Append(c); continue; }
                        if (position < text.Length && text[position] == '"') { field.Append('"'); position++; continue; }
                        break;
                    }
                    while (position < text.Length && text[position] is not (',' or '\r' or '\n')) field.Append(text[position++]);
                }
                else
                {
                    while (position < text.Length && text[position] is not (',' or '\r' or '\n')) field.Append(text[position++]);
                }
                row.Add(field.ToString());
                if (position < text.Length && text[position] == ',') { position++; continue; }
                if (position < text.Length && text[position] == '\r') position++;
                if (position < text.Length && text[position] == '\n') position++;
                break;
            }
            if (row.Count != columns) throw Malformed(file, line, $"has {row.Count} columns instead of {columns} (truncated, or not OFAC's format?)");
            yield return (row.ToArray(), line);
        }
    }

    private static Builder? Find(Dictionary<int, Builder> entries, string entNum, string file, int line, List<string> warnings)
    {
        var id = EntNum(entNum, file, line);
        if (entries.TryGetValue(id, out var entry)) return entry;
        warnings.Add($"{file} row {line} refers to ent_num {id}, which sdn.csv does not have; skipped");
        return null;
    }

    private static int EntNum(string value, string file, int line) =>
        int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw Malformed(file, line, $"has no numeric ent_num ('{Cut(value)}')");

    private static string? Value(string raw)
    {
        var value = raw.Trim();
        return value.Length == 0 || value == "-0-" ? null : value;
    }

    private static SanctionsListFormatException Malformed(string file, int line, string what) => new($"{file} row {line} {what}.");

    private static string Cut(string? text) => text is null ? "" : text.Length > 80 ? text[..80] + "…" : text.Trim();

    [GeneratedRegex(@"a\.k\.a\.?,?\s*'([^']+)'", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WeakAka();

    [GeneratedRegex(@"\bDOB ([^;]+)", RegexOptions.CultureInvariant)]
    private static partial Regex DateOfBirth();

    [GeneratedRegex(@"\b(?:nationality|citizen) ([^;]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Nationality();

    private sealed class Builder(int id, string name, ListEntryKind kind, string? programs, string? remarks)
    {
        public List<string> Aliases { get; } = [];
        public List<string> Addresses { get; } = [];
        public HashSet<string> Countries { get; } = [];

        public ListEntry Build(string listName)
        {
            var weak = remarks is null ? [] : WeakAka().Matches(remarks).Select(m => m.Groups[1].Value.Trim()).Distinct().ToList();
            var dobs = remarks is null ? [] : DateOfBirth().Matches(remarks).Select(m => m.Groups[1].Value.Trim().TrimEnd('.')).ToList();
            if (remarks is not null)
            {
                foreach (Match m in Nationality().Matches(remarks))
                    if (CountryNames.ToCode(m.Groups[1].Value.Trim().TrimEnd('.')) is { } code) Countries.Add(code);
            }
            return new ListEntry
            {
                ListName = listName,
                EntryId = id.ToString(CultureInfo.InvariantCulture),
                Kind = kind,
                PrimaryName = kind == ListEntryKind.Individual ? NaturalOrder(name) : name,
                Aliases = Aliases.Select(a => kind == ListEntryKind.Individual ? NaturalOrder(a) : a).Distinct().ToList(),
                WeakAliases = weak,
                Programs = programs is null ? [] : programs.Split(']', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => p.Trim('[', ' ')).Where(p => p.Length > 0).ToList(),
                Remarks = remarks,
                DatesOfBirth = dobs,
                Addresses = Addresses,
                CountryCodes = Countries.Order(StringComparer.Ordinal).ToList(),
            };
        }
    }
}
