using System.Text;
using BackOffice.Core.Screening;

namespace BackOffice.Tests.Screening;

public sealed class ListParsingTests(ParsedLists lists) : IClassFixture<ParsedLists>
{
    [Fact]
    public void Reads_every_OFAC_entry_with_its_aliases_addresses_programs_and_dates_of_birth()
    {
        Assert.Equal(9_043, lists.Ofac.Entries.Count);
        var zawahiri = lists.Ofac.Entries.Single(e => e.PrimaryName == "Dr. Ayman AL ZAWAHIRI");
        Assert.Equal(ListEntryKind.Individual, zawahiri.Kind);
        Assert.Contains("SDGT", zawahiri.Programs);
        Assert.NotEmpty(zawahiri.Aliases);
        Assert.NotEmpty(zawahiri.DatesOfBirth);
        var bank = lists.Ofac.Entries.Single(e => e.EntryId == "306");
        Assert.Equal(ListEntryKind.Entity, bank.Kind);
        Assert.Contains("NATIONAL BANK OF CUBA", bank.Aliases);
        Assert.Contains("BNC", bank.WeakAliases);
        Assert.Contains("CH", bank.CountryCodes); // its address is in Zurich
        // The published sdn.csv repeats an ent_num on its last row: skipped and said, not fatal.
        Assert.NotEmpty(lists.Ofac.Warnings);
    }

    [Fact]
    public void Reads_every_UN_individual_and_entity_and_the_publication_date()
    {
        Assert.Equal(1_093, lists.Un.Entries.Count);
        Assert.Equal(new DateTime(2018, 10, 29, 23, 9, 49, 856, DateTimeKind.Utc), lists.Un.PublishedAt);
        Assert.Contains(lists.Un.Entries, e => e.Kind == ListEntryKind.Entity);
        Assert.Contains(lists.Un.Entries, e => e.WeakAliases.Count > 0);
    }

    [Fact]
    public void Refuses_a_truncated_OFAC_file_whole()
    {
        var files = SanctionsListFolder.OfacFiles();
        var sdn = files.Files[SanctionsListFiles.OfacSdn];
        var text = Encoding.UTF8.GetString(sdn);
        var cut = text.IndexOf("\"AL-ZOMOR", StringComparison.Ordinal) + 5; // inside a quoted name
        var truncated = files with { Files = new Dictionary<string, byte[]>(files.Files) { [SanctionsListFiles.OfacSdn] = Encoding.UTF8.GetBytes(text[..cut]) } };

        var error = Assert.Throws<SanctionsListFormatException>(() => OfacSdnParser.Parse("OFAC SDN", truncated));
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Refuses_an_OFAC_row_with_the_wrong_number_of_columns()
    {
        var files = SanctionsListFolder.OfacFiles();
        var broken = files with { Files = new Dictionary<string, byte[]>(files.Files) { [SanctionsListFiles.OfacSdn] = Encoding.UTF8.GetBytes("36,AEROCARIBBEAN AIRLINES,-0- ,CUBA\n") } };

        var error = Assert.Throws<SanctionsListFormatException>(() => OfacSdnParser.Parse("OFAC SDN", broken));
        Assert.Contains("columns", error.Message);
    }

    [Fact]
    public void Refuses_a_truncated_UN_file_whole()
    {
        var xml = SanctionsListFolder.UnFiles().Files[SanctionsListFiles.UnXml];
        var truncated = new SanctionsListFiles(new Dictionary<string, byte[]> { [SanctionsListFiles.UnXml] = xml[..(xml.Length / 2)] }, null);

        var error = Assert.Throws<SanctionsListFormatException>(() => UnConsolidatedParser.Parse("UN", truncated));
        Assert.Contains("not well-formed", error.Message);
    }

    [Fact]
    public void The_fingerprint_of_an_entry_changes_only_when_the_entry_does()
    {
        var entry = lists.Ofac.Entries[0];

        Assert.Equal(entry.Fingerprint, (entry with { }).Fingerprint);
        Assert.NotEqual(entry.Fingerprint, (entry with { Remarks = "changed" }).Fingerprint);
    }

    [Theory]
    [InlineData("Dr. Ayman AL-ZAWAHIRI", "ayman zawahiri")]
    [InlineData("Shaykh Ahmad bin Ali", "ahmad ali")]
    [InlineData("Zoë O'Brien-Müller", "zoe obrien muller")]
    public void Normalises_names_to_comparable_tokens(string name, string tokens)
    {
        Assert.Equal(tokens, string.Join(' ', NameNormalizer.Tokens(name)));
    }
}
