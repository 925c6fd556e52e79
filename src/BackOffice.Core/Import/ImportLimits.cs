namespace BackOffice.Core.Import;

/// <summary>The limits of a customer import, in one place: the service, the page and the tests read them here.</summary>
public static class ImportLimits
{
    /// <summary>
    /// 20 MiB holds well over 100,000 rows (about 130 bytes a row). A larger file is refused after reading one byte
    /// more than this, and the page refuses it from its size before reading anything.
    /// </summary>
    public const long MaxFileBytes = 20 * 1024 * 1024;

    /// <summary>Rows created per transaction: progress is reported after each, and a stop loses at most one chunk's work.</summary>
    public const int ChunkSize = 1000;

    /// <summary>Emails looked up in the database per query when the preview checks for customers who exist already.</summary>
    public const int EmailLookupBatch = 500;

    /// <summary>An import whose process died is taken for stopped after this long, so that its file can be imported again.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    public static string MaxFileSizeText => $"{MaxFileBytes / 1024 / 1024} MiB";
}
