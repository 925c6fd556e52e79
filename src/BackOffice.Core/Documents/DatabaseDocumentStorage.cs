using System.Data;
using System.Data.Common;
using BackOffice.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace BackOffice.Core.Documents;

/// <summary>
/// Bytes in the <c>document_contents</c> table, streamed both ways so that a 10 MiB file never sits in memory whole:
/// SQLite writes into a zero-filled blob of the right size; PostgreSQL takes the file as a stream parameter.
/// </summary>
public sealed class DatabaseDocumentStorage(IDbContextFactory<BackOfficeDbContext> dbFactory) : IDocumentStorage
{
    public async Task SaveAsync(BackOfficeDbContext db, Guid documentId, string file, long length, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await using var source = File.OpenRead(file);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        if (connection is SqliteConnection sqlite)
        {
            insert.CommandText = "INSERT INTO document_contents (\"DocumentId\", \"Content\") VALUES ($id, zeroblob($length)); SELECT last_insert_rowid();";
            insert.Parameters.Add(new SqliteParameter("$id", documentId.ToString().ToUpperInvariant()));
            insert.Parameters.Add(new SqliteParameter("$length", length));
            var rowId = (long)(await insert.ExecuteScalarAsync(ct))!;
            await using var blob = new SqliteBlob(sqlite, "document_contents", "Content", rowId);
            await source.CopyToAsync(blob, ct);
        }
        else
        {
            insert.CommandText = "INSERT INTO document_contents (\"DocumentId\", \"Content\") VALUES (@id, @content)";
            insert.Parameters.Add(new NpgsqlParameter("id", documentId));
            insert.Parameters.Add(new NpgsqlParameter("content", NpgsqlTypes.NpgsqlDbType.Bytea) { Value = source, Size = (int)length });
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task<Stream?> OpenReadAsync(Guid documentId, CancellationToken ct)
    {
        var db = await dbFactory.CreateDbContextAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(ct);
            var select = connection.CreateCommand();
            select.CommandText = "SELECT \"Content\" FROM document_contents WHERE \"DocumentId\" = @id";
            var id = select.CreateParameter();
            id.ParameterName = "@id";
            id.Value = connection is SqliteConnection ? documentId.ToString().ToUpperInvariant() : documentId;
            select.Parameters.Add(id);
            var reader = await select.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            if (!await reader.ReadAsync(ct))
            {
                await reader.DisposeAsync();
                await db.DisposeAsync();
                return null;
            }
            return new OwningStream(reader.GetStream(0), reader, select, db);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>The column's stream, which keeps its reader, command and connection open until it is disposed.</summary>
    private sealed class OwningStream(Stream inner, DbDataReader reader, DbCommand command, BackOfficeDbContext db) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => inner.ReadAsync(buffer, ct);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => inner.ReadAsync(buffer, offset, count, ct);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await reader.DisposeAsync();
            await command.DisposeAsync();
            await db.DisposeAsync();
            await base.DisposeAsync();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                reader.Dispose();
                command.Dispose();
                db.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}

/// <summary>Bytes as files in <c>Documents:Folder</c>, named by the document's id (never by the uploaded name).</summary>
public sealed class FolderDocumentStorage(string folder) : IDocumentStorage
{
    public async Task SaveAsync(BackOfficeDbContext db, Guid documentId, string file, long length, CancellationToken ct)
    {
        var target = PathOf(documentId);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Copied beside the target and renamed into place: a crash leaves a stray temp file, never half a document.
        var partial = target + ".partial";
        await using (var source = File.OpenRead(file))
        await using (var destination = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.WriteThrough))
            await source.CopyToAsync(destination, ct);
        File.Move(partial, target, overwrite: true);
    }

    public Task<Stream?> OpenReadAsync(Guid documentId, CancellationToken ct)
    {
        var path = PathOf(documentId);
        return Task.FromResult<Stream?>(File.Exists(path) ? File.OpenRead(path) : null);
    }

    private string PathOf(Guid documentId)
    {
        var name = documentId.ToString("N");
        return Path.Combine(folder, name[..2], name);
    }
}
