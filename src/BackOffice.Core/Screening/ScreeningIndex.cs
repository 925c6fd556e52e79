using F23.StringSimilarity;

namespace BackOffice.Core.Screening;

/// <summary>
/// Every name and alias of the lists in force, tokenised once, with an inverted index from each token and its
/// sound-alike key to the names that contain it. A screening looks up the names sharing keys with the customer's tokens
/// (never scanning the lists), then scores only those with Jaro-Winkler, independent of word order.
/// Immutable: a list change builds a new index and swaps it in.
/// </summary>
public sealed class ScreeningIndex
{
    /// <summary>A weak alias (OFAC's remarks, the UN's low-quality aliases) is not strong evidence: its score counts for this much.</summary>
    public const double WeakAliasFactor = 0.85;
    /// <summary>Points added when the customer's country is one of the entry's countries (addresses, nationality).</summary>
    public const int CountryBonus = 5;
    /// <summary>Token pairs less alike than this (Jaro-Winkler) count for nothing.</summary>
    private const double TokenFloor = 0.86;

    private static readonly JaroWinkler JaroWinkler = new();

    private readonly ListEntry[] entries;
    private readonly IndexedName[] names;
    /// <summary>Each name's token count, beside the names so that the candidate filter reads no name it drops.</summary>
    private readonly int[] tokenCounts;
    // Postings per kind ([0] individuals, [1] the rest): a screening only ever looks at its own kind.
    private readonly Dictionary<string, int[]>[] byToken;
    private readonly Dictionary<string, int[]>[] byPhonetic;

    public static ScreeningIndex Empty { get; } = new([]);

    public IReadOnlyList<SanctionsListContent> Lists { get; }
    public int EntryCount => entries.Length;
    public int NameCount => names.Length;

    public ScreeningIndex(IReadOnlyList<SanctionsListContent> lists)
    {
        Lists = lists;
        entries = lists.SelectMany(l => l.Entries).ToArray();
        var indexed = new List<IndexedName>();
        for (var e = 0; e < entries.Length; e++)
        {
            var entry = entries[e];
            var isEntity = entry.Kind != ListEntryKind.Individual;
            var seen = new HashSet<string>();
            foreach (var (name, weak) in entry.StrongNames.Select(n => (n, false)).Concat(entry.WeakAliases.Select(n => (n, true))))
            {
                var tokens = NameNormalizer.Tokens(name, isEntity).Distinct().ToArray();
                if (tokens.Length == 0 || !seen.Add(string.Join(' ', tokens.Order(StringComparer.Ordinal)))) continue;
                indexed.Add(new IndexedName(e, name, tokens, tokens.Select(Weight).ToArray(), tokens.Sum(Weight), weak, !isEntity));
            }
        }
        names = indexed.ToArray();
        tokenCounts = names.Select(n => n.Tokens.Length).ToArray();
        byToken = [Postings(t => t, individual: true), Postings(t => t, individual: false)];
        byPhonetic = [Postings(NameNormalizer.PhoneticKey, individual: true), Postings(NameNormalizer.PhoneticKey, individual: false)];

        Dictionary<string, int[]> Postings(Func<string, string> key, bool individual)
        {
            var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var n = 0; n < names.Length; n++)
            {
                if (names[n].Individual != individual) continue;
                foreach (var k in names[n].Tokens.Select(key).Distinct())
                {
                    if (!postings.TryGetValue(k, out var list)) postings[k] = list = [];
                    list.Add(n);
                }
            }
            return postings.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        }
    }

    /// <summary>The entries that resemble <paramref name="name"/> with a score of at least <paramref name="threshold"/>, best first.</summary>
    /// <param name="individual">Individuals are screened against individuals; businesses against entities, vessels and aircraft.</param>
    /// <param name="countryCode">The customer's country, a supporting signal.</param>
    public IReadOnlyList<ScreeningCandidate> Match(string name, bool individual, string? countryCode, int threshold)
    {
        var query = NameNormalizer.Tokens(name, isEntity: !individual).Distinct().ToArray();
        if (query.Length == 0 || names.Length == 0) return [];
        var queryWeights = query.Select(Weight).ToArray();
        var queryWeight = queryWeights.Sum();

        var scratch = Scratch.For(names.Length);
        try
        {
            // Count, per name, how many of the query's tokens share a key (the token itself or its sound) with it.
            var kind = individual ? 0 : 1;
            for (var q = 0; q < query.Length; q++)
            {
                var stamp = scratch.NextStamp();
                Visit(byToken[kind].GetValueOrDefault(query[q]), stamp);
                Visit(byPhonetic[kind].GetValueOrDefault(NameNormalizer.PhoneticKey(query[q])), stamp);
            }

            var best = new Dictionary<int, ScreeningCandidate>();
            var needed = Math.Min(2, query.Length);
            foreach (var n in scratch.Touched)
            {
                if (scratch.Counts[n] < Math.Min(needed, tokenCounts[n])) continue;
                var candidate = names[n];

                var similarity = Similarity(query, queryWeights, queryWeight, candidate);
                if (candidate.Weak) similarity *= WeakAliasFactor;
                var entry = entries[candidate.Entry];
                var countryMatched = countryCode is not null && entry.CountryCodes.Contains(countryCode);
                var score = (int)Math.Round(Math.Min(100, similarity * 100 + (countryMatched ? CountryBonus : 0)));
                if (score < threshold) continue;
                if (!best.TryGetValue(candidate.Entry, out var current) || current.Score < score)
                    best[candidate.Entry] = new ScreeningCandidate(entry, candidate.Name, candidate.Weak, score, countryMatched);
            }
            return best.Values.OrderByDescending(c => c.Score).ThenBy(c => c.Entry.ListName, StringComparer.Ordinal).ThenBy(c => c.Entry.EntryId, StringComparer.Ordinal).ToList();
        }
        finally
        {
            scratch.Reset();
        }

        void Visit(int[]? postings, int stamp)
        {
            if (postings is null) return;
            foreach (var n in postings)
            {
                if (scratch.Stamps[n] == stamp) continue; // this query token already counted for this name
                scratch.Stamps[n] = stamp;
                if (scratch.Counts[n]++ == 0) scratch.Touched.Add(n);
            }
        }
    }

    /// <summary>
    /// Word-order independent: each query token is paired with its most alike unused name token (greedy, best pairs
    /// first); the result is a weighted Dice coefficient, so both unmatched query tokens and unmatched name tokens cost.
    /// </summary>
    private static double Similarity(string[] query, double[] queryWeights, double queryWeight, IndexedName candidate)
    {
        var tokens = candidate.Tokens;
        Span<(double Sim, int Q, int N)> pairs = stackalloc (double Sim, int Q, int N)[query.Length * tokens.Length <= 256 ? query.Length * tokens.Length : 0];
        var pairList = pairs.Length == 0 ? new (double Sim, int Q, int N)[query.Length * tokens.Length] : null;
        var count = 0;
        for (var q = 0; q < query.Length; q++)
        {
            for (var n = 0; n < tokens.Length; n++)
            {
                var sim = query[q] == tokens[n] ? 1.0 : JaroWinkler.Similarity(query[q], tokens[n]);
                if (sim < TokenFloor) continue;
                if (pairList is null) pairs[count++] = (sim, q, n); else pairList[count++] = (sim, q, n);
            }
        }
        var all = pairList is null ? pairs[..count] : pairList.AsSpan(0, count);
        all.Sort((a, b) => b.Sim.CompareTo(a.Sim));

        Span<bool> usedQ = stackalloc bool[query.Length];
        Span<bool> usedN = stackalloc bool[tokens.Length];
        double matched = 0;
        foreach (var (sim, q, n) in all)
        {
            if (usedQ[q] || usedN[n]) continue;
            usedQ[q] = usedN[n] = true;
            matched += sim * (queryWeights[q] + candidate.Weights[n]);
        }
        return matched / (queryWeight + candidate.TotalWeight);
    }

    /// <summary>Longer tokens say more about a name than initials and particles.</summary>
    private static double Weight(string token) => Math.Clamp(token.Length, 2, 8);

    private sealed record IndexedName(int Entry, string Name, string[] Tokens, double[] Weights, double TotalWeight, bool Weak, bool Individual);

    /// <summary>Per-thread counters sized to the index, reused across screenings (a bulk re-screen runs millions).</summary>
    private sealed class Scratch
    {
        [ThreadStatic] private static Scratch? current;

        public int[] Counts = [];
        public int[] Stamps = [];
        public List<int> Touched { get; } = new(1024);
        private int stamp;

        public static Scratch For(int size)
        {
            var scratch = current ??= new Scratch();
            if (scratch.Counts.Length < size)
            {
                scratch.Counts = new int[size];
                scratch.Stamps = new int[size];
                scratch.stamp = 0;
            }
            return scratch;
        }

        public int NextStamp() => ++stamp;

        public void Reset()
        {
            foreach (var n in Touched) Counts[n] = 0;
            Touched.Clear();
        }
    }
}
