using System.Text;
using BackOffice.Core.Screening;
using BackOffice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Screening;

/// <summary>Fetching and uploading lists: bad files are refused whole, failures keep the version in force, big drops wait for an admin.</summary>
public sealed class SanctionsListsTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "backoffice-lists", Guid.NewGuid().ToString("N"));
    private TestDatabase database = null!;

    private SanctionsLists Lists => database.Services.GetRequiredService<SanctionsLists>();
    private string Sdn => Path.Combine(folder, "ofac-sdn-2022-01-31.csv");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { "ofac-sdn-2022-01-31.csv", "ofac-alt-2022-01-31.csv", "ofac-add-2022-01-31.csv" })
            File.Copy(SanctionsListFolder.File(name), Path.Combine(folder, name));
        database = TestDatabase.With(SanctionsListFolder.Settings(ofacUrl: Sdn));
        await database.InitializeAsync();
        await Lists.LoadAsync();
        Assert.True((await Lists.RefreshAsync(SanctionsListFolder.Ofac, actor: null)).Succeeded);
    }

    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private async Task<SanctionsListState> Ofac() => (await Lists.GetStatesAsync()).Single(s => s.Name == SanctionsListFolder.Ofac);

    [Fact]
    public async Task A_fetched_list_shows_its_version_publication_date_and_entry_count()
    {
        var state = await Ofac();

        Assert.Equal(9_043, state.EntryCount);
        Assert.Equal(new DateTime(2022, 1, 31), state.PublishedAt?.Date); // from the file name of the shipped copy
        Assert.NotNull(state.Version);
        Assert.NotNull(state.LastRefreshAt);
        Assert.Null(state.LastError);
        Assert.Contains("ent_num", state.Warnings);
        Assert.Equal(9_043, Lists.Index.Lists.Single(l => l.ListName == SanctionsListFolder.Ofac).Entries.Count);
    }

    [Fact]
    public async Task A_failed_fetch_keeps_the_last_good_version_and_shows_the_error()
    {
        var before = await Ofac();
        File.Delete(Sdn);

        var result = await Lists.RefreshAsync(SanctionsListFolder.Ofac, actor: null);

        Assert.Equal("fetch_failed", result.Code);
        var after = await Ofac();
        Assert.Equal(before.Version, after.Version);
        Assert.Contains("does not exist", after.LastError);
        Assert.Equal(9_043, Lists.Index.Lists.Single(l => l.ListName == SanctionsListFolder.Ofac).Entries.Count);
    }

    [Fact]
    public async Task A_truncated_file_is_refused_whole_and_the_version_in_force_stays()
    {
        var before = await Ofac();
        var text = await File.ReadAllTextAsync(Sdn);
        await File.WriteAllTextAsync(Sdn, text[..(text.IndexOf("\"AL-ZOMOR", StringComparison.Ordinal) + 5)]);

        var result = await Lists.RefreshAsync(SanctionsListFolder.Ofac, actor: null);

        Assert.Equal(BackOffice.Core.ServiceResultKind.Invalid, result.Kind);
        var after = await Ofac();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(9_043, after.EntryCount);
        Assert.Contains("truncated", after.LastError);
    }

    [Fact]
    public async Task A_version_that_drops_more_than_half_of_the_entries_is_held_until_an_admin_confirms_it()
    {
        var before = await Ofac();
        var lines = await File.ReadAllLinesAsync(Sdn);
        await File.WriteAllLinesAsync(Sdn, lines.Take(1000));
        var files = SanctionsListFolder.OfacFiles();
        var smaller = files with { Files = new Dictionary<string, byte[]>(files.Files) { [SanctionsListFiles.OfacSdn] = Encoding.UTF8.GetBytes(string.Join('\n', lines.Take(1000))) } };

        var uploaded = await Lists.UploadAsync(SanctionsListFolder.Ofac, smaller, TestDatabase.Admin);

        Assert.Equal("held_for_confirmation", uploaded.Code);
        var held = await Ofac();
        Assert.Equal(before.Version, held.Version);
        Assert.Equal(1000, held.HeldEntryCount);
        Assert.Contains("must confirm", held.LastError);
        Assert.Equal(BackOffice.Core.ServiceResultKind.Forbidden, (await Lists.ConfirmHeldAsync(SanctionsListFolder.Ofac, TestDatabase.Compliance)).Kind);

        var confirmed = await Lists.ConfirmHeldAsync(SanctionsListFolder.Ofac, TestDatabase.Admin);

        Assert.True(confirmed.Succeeded, confirmed.Message);
        var after = await Ofac();
        Assert.Equal(1000, after.EntryCount);
        Assert.Null(after.HeldVersion);
        Assert.Equal(1000, Lists.Index.Lists.Single(l => l.ListName == SanctionsListFolder.Ofac).Entries.Count);
    }

    [Fact]
    public async Task Only_admins_upload_or_refresh_and_an_upload_names_the_missing_files()
    {
        Assert.Equal(BackOffice.Core.ServiceResultKind.Forbidden, (await Lists.RefreshAsync(SanctionsListFolder.Ofac, TestDatabase.Compliance)).Kind);
        var partial = new SanctionsListFiles(new Dictionary<string, byte[]> { [SanctionsListFiles.OfacSdn] = [1, 2, 3] }, null);

        var result = await Lists.UploadAsync(SanctionsListFolder.Ofac, partial, TestDatabase.Admin);

        Assert.Equal(BackOffice.Core.ServiceResultKind.Invalid, result.Kind);
        Assert.Contains("alt.csv", result.Errors["Files"][0]);
    }

    [Fact]
    public async Task After_a_restart_the_last_good_version_is_loaded_from_the_database()
    {
        var fresh = ActivatorUtilities.CreateInstance<SanctionsLists>(database.Services);
        File.Delete(Sdn); // the source is gone: only the stored copy remains

        await fresh.LoadAsync();

        Assert.Equal(9_043, fresh.Index.Lists.Single(l => l.ListName == SanctionsListFolder.Ofac).Entries.Count);
    }
}
