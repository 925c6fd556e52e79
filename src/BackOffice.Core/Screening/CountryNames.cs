using System.Collections.Frozen;
using BackOffice.Core.Reference;

namespace BackOffice.Core.Screening;

/// <summary>Country names as the lists write them ("Iran", "Russia", "Korea, North") mapped to ISO 3166-1 alpha-2 codes.</summary>
public static class CountryNames
{
    private static readonly FrozenDictionary<string, string> Codes = Build();

    public static string? ToCode(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        return Codes.GetValueOrDefault(Key(name));
    }

    private static string Key(string name) => string.Join(' ', NameNormalizer.Tokens(name));

    private static FrozenDictionary<string, string> Build()
    {
        var codes = new Dictionary<string, string>();
        foreach (var country in Countries.All) codes.TryAdd(Key(country.Name), country.Code);
        string[][] extra =
        [
            ["KP", "Korea, North", "North Korea", "Democratic People's Republic of Korea", "Korea, Democratic People's Republic of"],
            ["KR", "Korea, South", "South Korea", "Republic of Korea"],
            ["IR", "Iran (Islamic Republic of)", "Islamic Republic of Iran"], ["RU", "Russian Federation"],
            ["SY", "Syrian Arab Republic"], ["MM", "Burma"], ["US", "United States of America", "USA"],
            ["GB", "United Kingdom of Great Britain and Northern Ireland", "UK"], ["VE", "Venezuela (Bolivarian Republic of)"],
            ["BO", "Bolivia (Plurinational State of)"], ["LA", "Lao People's Democratic Republic"], ["TZ", "United Republic of Tanzania"],
            ["CD", "Congo, Democratic Republic of the", "Democratic Republic of the Congo"], ["CG", "Congo, Republic of the", "Republic of the Congo"],
            ["PS", "West Bank", "Gaza", "State of Palestine"], ["VN", "Viet Nam"], ["MD", "Republic of Moldova"], ["CI", "Cote d'Ivoire"],
            ["TR", "Turkiye", "Türkiye"], ["CZ", "Czech Republic"], ["MK", "Macedonia", "The former Yugoslav Republic of Macedonia"],
        ];
        foreach (var row in extra)
            foreach (var name in row.Skip(1)) codes.TryAdd(Key(name), row[0]);
        return codes.ToFrozenDictionary();
    }
}
