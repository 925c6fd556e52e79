using BackOffice.Core.Data;

namespace BackOffice.Core;

/// <summary>
/// Extra work a caller needs in the same transaction as a create, run just before the commit: the API stores the
/// answer for an Idempotency-Key there, so that a created customer or wallet and its replayable answer are saved
/// together or not at all. If it throws, nothing is saved.
/// </summary>
public delegate Task BeforeCommit<in T>(BackOfficeDbContext db, T created, CancellationToken ct);
