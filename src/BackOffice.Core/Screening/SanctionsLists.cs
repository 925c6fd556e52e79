using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Screening;

/// <summary>
/// The lists in force and the index built from them, shared by every screening. A new version of a list (fetched or
/// uploaded) is parsed whole before it replaces anything: a malformed or truncated file is refused with the error kept
/// for the admin page, and a version that would drop more than half of the entries is held until an admin confirms it.
/// Every accepted change starts a re-screening of all customers.
/// </summary>
public sealed class SanctionsLists(
    IDbContextFactory<BackOfficeDbContext> dbFactory,
    IOptions<ScreeningOptions> options,
    SanctionsListFetcher fetcher,
    ScreeningJobs jobs,
    TimeProvider clock,
    ILogger<SanctionsLists> logger)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<string, SanctionsListContent> contents = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ScreeningIndex index = ScreeningIndex.Empty;

    /// <summary>The index of the lists in force (empty until loaded, or when no list is configured).</summary>
    public ScreeningIndex Index => index;

    public int Threshold => options.Value.Threshold;

    public IReadOnlyList<SanctionsSourceOptions> Sources => options.Value.Sources;

    /// <summary>
    /// Completes once start-up is over: the stored lists loaded and every source fetched once, so that the re-screening
    /// after start runs once against all new versions rather than once per list.
    /// </summary>
    public Task Loaded => loaded.Task;

    public void StartupDone() => loaded.TrySetResult();

    /// <summary>"OFAC SDN 2022-01-31 (1a2b3c4d5e6f), UN 2018-10-29 (…)": what a screening used, for the audit trail.</summary>
    public static string Describe(ScreeningIndex index) =>
        string.Join(", ", index.Lists.Select(l => $"{l.ListName} {l.PublishedAt:yyyy-MM-dd} ({l.Version})"));

    /// <summary>Loads the last good version of every configured list from the database and builds the index.</summary>
    public async Task LoadAsync(CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            foreach (var source in Sources)
            {
                var row = await db.SanctionsLists.FirstOrDefaultAsync(l => l.Name == source.Name, ct);
                if (row?.Content is null) continue;
                try
                {
                    contents[source.Name] = SanctionsListStore.Parse(source.Name, row.Format, SanctionsListStore.Unpack(row.Content, row.PublishedAt));
                }
                catch (Exception e) when (e is SanctionsListFormatException or InvalidDataException)
                {
                    logger.LogError(e, "The stored version of {List} could not be read", source.Name);
                }
            }
            Rebuild();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The state of every configured list, for the admin page (without the files).</summary>
    public async Task<IReadOnlyList<SanctionsListState>> GetStatesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.SanctionsLists.AsNoTracking()
            .Select(l => new SanctionsListState(l.Name, l.Format, l.Version, l.PublishedAt, l.EntryCount, l.ActivatedAt, l.LastRefreshAt,
                l.LastAttemptAt, l.LastError, l.LastErrorAt, l.Warnings, l.HeldVersion, l.HeldPublishedAt, l.HeldEntryCount, l.HeldAt))
            .ToListAsync(ct);
        return Sources.Select(s => rows.FirstOrDefault(r => r.Name == s.Name)
                ?? new SanctionsListState(s.Name, s.Format, null, null, 0, null, null, null, null, null, null, null, null, null, null))
            .ToList();
    }

    /// <summary>Fetches a configured list now (the schedule, or an admin's "Refresh now").</summary>
    public async Task<ServiceResult<SanctionsListState>> RefreshAsync(string name, Actor? actor, CancellationToken ct = default)
    {
        if (actor is not null && !actor.IsIn(Roles.Admin)) return ServiceResult<SanctionsListState>.Forbidden("Only administrators can refresh sanctions lists.");
        var source = Sources.FirstOrDefault(s => s.Name == name);
        if (source is null) return ServiceResult<SanctionsListState>.NotFound($"No list named {name} is configured.");
        SanctionsListFiles files;
        try
        {
            files = await fetcher.FetchAsync(source, ct);
        }
        catch (Exception e) when (e is SanctionsListFetchException or HttpRequestException or IOException or UnauthorizedAccessException or InvalidOperationException
                                  or TaskCanceledException && !ct.IsCancellationRequested)
        {
            var message = e is TaskCanceledException ? "The download timed out." : e.Message;
            await RecordErrorAsync(source, $"Fetch failed: {message}", ct);
            return ServiceResult<SanctionsListState>.Conflict($"{name} could not be fetched: {message} The version in force stays.", code: "fetch_failed");
        }
        return await ApplyAsync(source, files, confirmDrop: false, ct);
    }

    /// <summary>An admin's upload of a list's files (deployments without internet).</summary>
    public async Task<ServiceResult<SanctionsListState>> UploadAsync(string name, SanctionsListFiles files, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Admin)) return ServiceResult<SanctionsListState>.Forbidden("Only administrators can upload sanctions lists.");
        var source = Sources.FirstOrDefault(s => s.Name == name);
        if (source is null) return ServiceResult<SanctionsListState>.NotFound($"No list named {name} is configured.");
        var missing = SanctionsListFiles.NamesFor(source.Format).Where(f => !files.Files.ContainsKey(f)).ToList();
        if (missing.Count > 0)
            return ServiceResult<SanctionsListState>.Invalid(new Dictionary<string, string[]> { ["Files"] = [$"{string.Join(", ", missing)} missing"] }, $"Upload {string.Join(", ", SanctionsListFiles.NamesFor(source.Format))}.");
        return await ApplyAsync(source, files, confirmDrop: false, ct);
    }

    /// <summary>Puts in force a version that was held because it drops more than half of the entries.</summary>
    public async Task<ServiceResult<SanctionsListState>> ConfirmHeldAsync(string name, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Admin)) return ServiceResult<SanctionsListState>.Forbidden("Only administrators can confirm a list.");
        var source = Sources.FirstOrDefault(s => s.Name == name);
        if (source is null) return ServiceResult<SanctionsListState>.NotFound($"No list named {name} is configured.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.SanctionsLists.AsNoTracking().FirstOrDefaultAsync(l => l.Name == name, ct);
        if (row?.HeldContent is null) return ServiceResult<SanctionsListState>.Conflict("No version of this list waits for confirmation.");
        return await ApplyAsync(source, SanctionsListStore.Unpack(row.HeldContent, row.HeldPublishedAt), confirmDrop: true, ct);
    }

    private async Task<ServiceResult<SanctionsListState>> ApplyAsync(SanctionsSourceOptions source, SanctionsListFiles files, bool confirmDrop, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            var now = Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var row = await db.SanctionsLists.FirstOrDefaultAsync(l => l.Name == source.Name, ct);
            if (row is null) db.SanctionsLists.Add(row = new SanctionsList { Name = source.Name, Format = source.Format });
            row.LastAttemptAt = now;

            SanctionsListContent content;
            try
            {
                content = SanctionsListStore.Parse(source.Name, source.Format, files);
            }
            catch (SanctionsListFormatException e)
            {
                row.LastError = Cut($"Refused: {e.Message} The version in force stays.");
                row.LastErrorAt = now;
                await db.SaveChangesAsync(ct);
                logger.LogWarning("A new version of {List} was refused: {Error}", source.Name, e.Message);
                return ServiceResult<SanctionsListState>.Invalid(new Dictionary<string, string[]> { ["Files"] = [e.Message] }, row.LastError);
            }

            if (content.Version == row.Version)
            {
                row.LastRefreshAt = now;
                row.LastError = null;
                await db.SaveChangesAsync(ct);
                return ServiceResult<SanctionsListState>.Ok(State(row));
            }

            if (!confirmDrop && row.EntryCount > 0 && content.Entries.Count * 2 < row.EntryCount)
            {
                row.HeldVersion = content.Version;
                row.HeldPublishedAt = content.PublishedAt;
                row.HeldEntryCount = content.Entries.Count;
                row.HeldAt = now;
                row.HeldContent = SanctionsListStore.Pack(files);
                row.LastError = $"Held: the new version has {content.Entries.Count:N0} entries instead of {row.EntryCount:N0} (more than half would go). An administrator must confirm it; until then the version in force stays.";
                row.LastErrorAt = now;
                await db.SaveChangesAsync(ct);
                return ServiceResult<SanctionsListState>.Conflict(row.LastError, code: "held_for_confirmation");
            }

            row.Format = source.Format;
            row.Version = content.Version;
            row.PublishedAt = content.PublishedAt;
            row.EntryCount = content.Entries.Count;
            row.ActivatedAt = now;
            row.LastRefreshAt = now;
            row.Content = SanctionsListStore.Pack(files);
            row.Warnings = content.Warnings.Count == 0 ? null : Cut($"{content.Warnings.Count} row(s) skipped: {string.Join("; ", content.Warnings)}");
            row.LastError = null;
            row.HeldVersion = null;
            row.HeldPublishedAt = null;
            row.HeldEntryCount = null;
            row.HeldAt = null;
            row.HeldContent = null;
            await db.SaveChangesAsync(ct);

            contents[source.Name] = content;
            Rebuild();
            logger.LogInformation("{List} version {Version} ({Count} entries) is in force", source.Name, content.Version, content.Entries.Count);
            await jobs.RequestAsync($"{source.Name} changed to {content.PublishedAt:yyyy-MM-dd} ({content.Version})", Describe(index), onlyNotScreened: false, ct);
            return ServiceResult<SanctionsListState>.Ok(State(row));
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task RecordErrorAsync(SanctionsSourceOptions source, string error, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            var now = Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var row = await db.SanctionsLists.FirstOrDefaultAsync(l => l.Name == source.Name, ct);
            if (row is null) db.SanctionsLists.Add(row = new SanctionsList { Name = source.Name, Format = source.Format });
            row.LastAttemptAt = now;
            row.LastError = Cut(error);
            row.LastErrorAt = now;
            await db.SaveChangesAsync(ct);
            logger.LogWarning("Fetching {List} failed: {Error}", source.Name, error);
        }
        finally
        {
            gate.Release();
        }
    }

    private void Rebuild()
    {
        var configured = Sources.Select(s => s.Name).Where(contents.ContainsKey).Select(n => contents[n]).ToList();
        index = configured.Count == 0 ? ScreeningIndex.Empty : new ScreeningIndex(configured);
    }

    private static SanctionsListState State(SanctionsList l) => new(l.Name, l.Format, l.Version, l.PublishedAt, l.EntryCount, l.ActivatedAt, l.LastRefreshAt,
        l.LastAttemptAt, l.LastError, l.LastErrorAt, l.Warnings, l.HeldVersion, l.HeldPublishedAt, l.HeldEntryCount, l.HeldAt);

    private static string Cut(string text) => text.Length <= 2000 ? text : text[..1999] + "…";
}
