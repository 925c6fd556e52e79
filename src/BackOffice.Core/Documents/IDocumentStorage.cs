using BackOffice.Core.Data;

namespace BackOffice.Core.Documents;

/// <summary>Where a document's bytes live: the database (default) or a folder (<c>Documents:Folder</c>).</summary>
public interface IDocumentStorage
{
    /// <summary>
    /// Stores the bytes of a document from a finished, checked file. Called inside the upload's transaction on
    /// <paramref name="db"/>, so that in the database the document and its bytes are saved together or not at all.
    /// </summary>
    Task SaveAsync(BackOfficeDbContext db, Guid documentId, string file, long length, CancellationToken ct);

    /// <summary>The bytes as a stream the caller disposes, or null if there are none.</summary>
    Task<Stream?> OpenReadAsync(Guid documentId, CancellationToken ct);
}
