using System.Text;
using Bogus;

namespace BackOffice.Core.Screening;

/// <summary>
/// The quality figures the benchmark prints and the tests assert, computed one way for both: recall on the OFAC
/// individuals written as customers write them, and the rate of potential matches among generated everyday names.
/// </summary>
public static class ScreeningEvaluation
{
    /// <summary>The locales the generated names come from.</summary>
    public static readonly string[] Locales = ["en", "en_GB", "de", "fr", "es", "it", "pt_BR", "nl", "pl", "ru", "tr", "sv", "ar", "vi"];

    public sealed record Recall(int Names, int Found, IReadOnlyList<string> Missed)
    {
        public double Rate => Names == 0 ? 0 : (double)Found / Names;
    }

    public sealed record FalsePositives(int Names, int Flagged, IReadOnlyList<string> Examples)
    {
        public double Rate => Names == 0 ? 0 : (double)Flagged / Names;
    }

    /// <summary>
    /// Every individual of the OFAC list written "First Last" (from "LAST, First"), in lower case, in upper case and
    /// with diacritics added: the share of those screenings that raise that very entry.
    /// </summary>
    public static Recall MeasureRecall(ScreeningIndex index, SanctionsListContent ofac, int threshold)
    {
        var names = 0;
        var found = 0;
        var missed = new List<string>();
        foreach (var entry in ofac.Entries.Where(e => e.Kind == ListEntryKind.Individual))
        {
            foreach (var written in Variants(entry.PrimaryName))
            {
                names++;
                if (index.Match(written, individual: true, countryCode: null, threshold).Any(c => ReferenceEquals(c.Entry, entry))) found++;
                else if (missed.Count < 50) missed.Add(written);
            }
        }
        return new Recall(names, found, missed);
    }

    /// <summary>The share of <paramref name="count"/> generated names (several locales, fixed seed) that are potential matches.</summary>
    public static FalsePositives MeasureFalsePositives(ScreeningIndex index, int threshold, int count = 10_000, int seed = 20261201)
    {
        var flagged = 0;
        var examples = new List<string>();
        foreach (var name in GeneratedNames(count, seed))
        {
            var hits = index.Match(name, individual: true, countryCode: null, threshold);
            if (hits.Count == 0) continue;
            flagged++;
            if (examples.Count < 30) examples.Add($"{name} ~ {hits[0].MatchedName} ({hits[0].Score})");
        }
        return new FalsePositives(count, flagged, examples);
    }

    public static IEnumerable<string> GeneratedNames(int count, int seed)
    {
        var fakers = Locales.Select((locale, i) => new Faker(locale) { Random = new Randomizer(seed + i) }).ToArray();
        for (var i = 0; i < count; i++)
        {
            var faker = fakers[i % fakers.Length];
            yield return $"{faker.Name.FirstName()} {faker.Name.LastName()}";
        }
    }

    /// <summary>The ways a customer may write a listed name: lower case, upper case, and with accents on its vowels.</summary>
    public static IEnumerable<string> Variants(string name)
    {
        yield return name.ToLowerInvariant();
        yield return name.ToUpperInvariant();
        yield return WithDiacritics(name);
    }

    private static string WithDiacritics(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.ToLowerInvariant(c) switch
            {
                'a' => char.IsUpper(c) ? 'Á' : 'á',
                'e' => char.IsUpper(c) ? 'É' : 'è',
                'i' => char.IsUpper(c) ? 'Î' : 'ï',
                'o' => char.IsUpper(c) ? 'Ö' : 'ô',
                'u' => char.IsUpper(c) ? 'Ü' : 'ú',
                'c' => char.IsUpper(c) ? 'Ç' : 'ç',
                'n' => char.IsUpper(c) ? 'Ñ' : 'ñ',
                _ => c,
            });
        }
        return builder.ToString();
    }
}
