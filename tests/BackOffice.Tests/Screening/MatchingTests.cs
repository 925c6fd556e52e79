using BackOffice.Core.Screening;

namespace BackOffice.Tests.Screening;

/// <summary>Matching against the real OFAC and UN lists: the figures the issue asks for, and the rules behind them.</summary>
public sealed class MatchingTests(ParsedLists lists) : IClassFixture<ParsedLists>
{
    private const int Threshold = ScreeningOptions.DefaultThreshold;

    [Fact]
    public void Finds_at_least_99_percent_of_OFAC_individuals_written_First_Last_in_any_case_with_or_without_diacritics()
    {
        var recall = ScreeningEvaluation.MeasureRecall(lists.Index, lists.Ofac, Threshold);

        Assert.True(recall.Names > 10_000, $"only {recall.Names} names");
        Assert.True(recall.Rate >= 0.99, $"recall {recall.Rate:P2}; missed e.g. {string.Join(" | ", recall.Missed.Take(10))}");
    }

    [Fact]
    public void Flags_at_most_1_percent_of_10000_generated_names_from_several_locales()
    {
        var falsePositives = ScreeningEvaluation.MeasureFalsePositives(lists.Index, Threshold, count: 10_000);

        Assert.Equal(10_000, falsePositives.Names);
        Assert.True(falsePositives.Rate <= 0.01, $"{falsePositives.Rate:P2} flagged, e.g. {string.Join(" | ", falsePositives.Examples.Take(10))}");
    }

    [Theory]
    [InlineData("Ayman al-Zawahiri")]
    [InlineData("AYMAN ZAWAHIRI")]
    [InlineData("Zawahiri Ayman")]
    [InlineData("Dr. Aiman Al Zawahiry")]
    [InlineData("Áyman Al-Záwahiri")]
    public void Matches_regardless_of_order_case_honorifics_particles_diacritics_and_small_spelling_differences(string written)
    {
        var hits = lists.Index.Match(written, individual: true, countryCode: null, Threshold);

        Assert.Contains(hits, h => h.Entry.ListName == SanctionsListFolder.Ofac && h.Entry.PrimaryName.Contains("ZAWAHIRI", StringComparison.Ordinal));
    }

    [Fact]
    public void Transliterates_other_scripts_before_comparing()
    {
        var hits = lists.Index.Match("Усама бин Ладен", individual: true, countryCode: null, Threshold);

        Assert.Contains(hits, h => h.Entry.StrongNames.Any(n => n.Contains("BIN LADEN", StringComparison.Ordinal)) && h.Score >= Threshold);
    }

    [Fact]
    public void Screens_businesses_against_entities_and_individuals_against_individuals()
    {
        Assert.Contains(lists.Index.Match("Banco Nacional de Cuba", individual: false, "CU", Threshold), h => h.Entry.EntryId == "306");
        Assert.DoesNotContain(lists.Index.Match("Banco Nacional de Cuba", individual: true, "CU", Threshold), h => h.Entry.EntryId == "306");
        Assert.DoesNotContain(lists.Index.Match("Ayman Zawahiri", individual: false, null, Threshold), h => h.Entry.Kind == ListEntryKind.Individual);
    }

    [Fact]
    public void A_matching_country_adds_to_the_score()
    {
        var without = lists.Index.Match("Banco Nacional de Cuba", individual: false, null, 0).First(h => h.Entry.EntryId == "306");
        var with = lists.Index.Match("National Bank of Cuba", individual: false, "CH", 0).First(h => h.Entry.EntryId == "306");

        Assert.False(without.CountryMatched);
        Assert.True(with.CountryMatched);
    }

    [Fact]
    public void A_weak_alias_alone_is_not_strong_evidence()
    {
        var entry = lists.Ofac.Entries.First(e => e.WeakAliases.Count > 0 && e.Kind == ListEntryKind.Individual
            && NameNormalizer.Tokens(e.WeakAliases[0]).Length >= 2 && !e.StrongNames.Any(n => NameNormalizer.Tokens(n).Order().SequenceEqual(NameNormalizer.Tokens(e.WeakAliases[0]).Order())));

        var hit = lists.Index.Match(entry.WeakAliases[0], individual: true, null, 0).FirstOrDefault(h => ReferenceEquals(h.Entry, entry));

        Assert.NotNull(hit);
        Assert.True(hit.WeakAlias);
        Assert.True(hit.Score <= 100 * ScreeningIndex.WeakAliasFactor, $"a weak alias scored {hit.Score}");
    }

    [Fact]
    public void One_screening_takes_well_under_2_ms_at_the_95th_percentile()
    {
        var names = ScreeningEvaluation.GeneratedNames(1_000, 3).Concat(lists.Ofac.Entries.Take(300).Select(e => e.PrimaryName)).ToArray();
        foreach (var name in names.Take(200)) lists.Index.Match(name, true, "US", Threshold);
        var times = names.Select(name =>
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            lists.Index.Match(name, true, "US", Threshold);
            return System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }).Order().ToArray();

        // Generous for a shared CI machine; the benchmark prints the real figure.
        Assert.True(times[(int)(times.Length * 0.95)] < 10, $"p95 {times[(int)(times.Length * 0.95)]:N2} ms");
    }
}
