using BackOffice.Core.Webhooks;
using BackOffice.Core.Api;
using System.Security.Cryptography;
using BackOffice.Core.Customers;
using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Documents;

/// <summary>
/// A customer's documents, from both front doors: upload (type from the bytes, size limit, no duplicates, streamed),
/// review (accept, reject with a reason), requests for documents (awaiting_documents, back to pending_kyc when every
/// kind asked for has come in), and reading the bytes (each view in the customer's history).
/// </summary>
public sealed class DocumentService(
    IDbContextFactory<BackOfficeDbContext> dbFactory,
    IDocumentStorage storage,
    TimeProvider clock,
    ICustomerChanges changes,
    IOptions<DocumentOptions> options,
    IOptions<KycOptions> kyc)
{
    public const string DocumentExists = "document_exists";

    public long MaxBytes => options.Value.MaxBytes;

    public async Task<ServiceResult<CustomerDocument>> UploadAsync(Guid customerId, NewDocument input, Stream content, Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanUploadDocuments) return ServiceResult<CustomerDocument>.Forbidden("Only agents, compliance officers and administrators can add documents.");
        if (input.Kind is not { } kind) return Invalid("Kind", "is required", missing: true);

        // Spooled to a temporary file while hashing and checking: memory stays at one buffer whatever the file's size,
        // and nothing is stored until the whole file has arrived and passed.
        var spool = Path.Combine(Path.GetTempPath(), $"backoffice-upload-{Guid.NewGuid():N}");
        try
        {
            long length = 0;
            var header = new byte[FileTypes.HeaderLength];
            var headerLength = 0;
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    length += read;
                    if (length > MaxBytes) return TooLarge();
                    if (headerLength < header.Length)
                    {
                        var take = Math.Min(read, header.Length - headerLength);
                        Array.Copy(buffer, 0, header, headerLength, take);
                        headerLength += take;
                    }
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            if (length == 0) return Invalid("File", "is empty");
            var contentType = FileTypes.Detect(header.AsSpan(0, headerLength));
            if (contentType is null) return Invalid("File", FileTypes.AcceptedMessage);

            var sha256 = Convert.ToHexStringLower(sha.GetHashAndReset());
            var fileName = CleanFileName(input.FileName, kind, contentType);
            return await StoreAsync(customerId, kind, input.Side, contentType, length, sha256, fileName, spool, actor, ct);
        }
        finally
        {
            File.Delete(spool);
        }
    }

    private async Task<ServiceResult<CustomerDocument>> StoreAsync(Guid customerId, DocumentKind kind, DocumentSide? side, string contentType,
        long length, string sha256, string fileName, string spool, Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var customer = await db.FindForUpdateAsync(customerId, ct);
        if (customer is null || !actor.CanSee(customer.PartnerId)) return ServiceResult<CustomerDocument>.NotFound($"No customer has the id {customerId}.");
        if (await db.CustomerDocuments.AnyAsync(d => d.CustomerId == customerId && d.Sha256 == sha256, ct)) return Duplicate();

        var now = Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        var document = new CustomerDocument
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = customerId,
            Kind = kind,
            Side = side,
            ContentType = contentType,
            Size = length,
            Sha256 = sha256,
            FileName = fileName,
            Status = DocumentStatus.Received,
            CreatedAt = now,
            UploadedById = actor.Id,
            UploadedByName = actor.Name,
        };
        // A newer document of the same kind and side replaces the earlier ones, which stay (never deleted) as superseded;
        // a rejected one keeps its rejection.
        var replaced = await db.CustomerDocuments
            .Where(d => d.CustomerId == customerId && d.Kind == kind && d.Side == side && (d.Status == DocumentStatus.Received || d.Status == DocumentStatus.Accepted))
            .ToListAsync(ct);
        foreach (var old in replaced)
        {
            old.Status = DocumentStatus.Superseded;
            old.Version++;
        }
        db.CustomerDocuments.Add(document);
        db.CustomerAudit.Add(Audit(customer, CustomerAuditActions.DocumentReceived, actor, now, detail: Describe(document)));
        customer.Changed(now);

        var backInQueue = await FulfilRequestAsync(db, customer, kind, actor, now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
            await storage.SaveAsync(db, document.Id, spool, length, ct);
            if (backInQueue) await StatusCounts.MoveAsync(db, CustomerStatus.AwaitingDocuments, CustomerStatus.PendingKyc, ct);
            await WebhookOutbox.AddAsync(db, customer.PartnerId, WebhookRules.DocumentReceived, DocumentResource.From(document), now, ct);
            if (backInQueue) await WebhookOutbox.AddAsync(db, customer.PartnerId, WebhookRules.CustomerUpdated, CustomerResource.From(customer), now, ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            return Duplicate(); // the same file, uploaded at the same moment by another request
        }
        changes.Publish(new CustomerChange(customerId, CustomerAuditActions.DocumentReceived, customer.Status));
        return ServiceResult<CustomerDocument>.Ok(document);
    }

    /// <summary>
    /// With this document, has every kind of the open request come in since it was made? Then the request is fulfilled
    /// and the customer goes back to pending_kyc, into the queue. Returns whether the status moved.
    /// </summary>
    private static async Task<bool> FulfilRequestAsync(BackOfficeDbContext db, Customer customer, DocumentKind kind, Actor actor, DateTime now, CancellationToken ct)
    {
        if (customer.Status != CustomerStatus.AwaitingDocuments) return false;
        var request = await db.DocumentRequests.Where(r => r.CustomerId == customer.Id && r.FulfilledAt == null)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (request is null) return false;
        var since = await db.CustomerDocuments.AsNoTracking()
            .Where(d => d.CustomerId == customer.Id && d.CreatedAt >= request.RequestedAt).Select(d => d.Kind).ToListAsync(ct);
        since.Add(kind);
        if (!request.KindList().All(since.Contains)) return false;

        request.FulfilledAt = now;
        customer.Status = CustomerStatus.PendingKyc;
        db.CustomerAudit.Add(new CustomerAuditEntry
        {
            CustomerId = customer.Id,
            Action = CustomerAuditActions.DocumentsReceived,
            FromStatus = CustomerStatus.AwaitingDocuments,
            ToStatus = CustomerStatus.PendingKyc,
            ActorId = actor.Id,
            ActorName = actor.Name,
            At = now,
            Detail = "Every requested document has arrived",
        });
        return true;
    }

    public async Task<IReadOnlyList<CustomerDocument>> ListAsync(Guid customerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CustomerDocuments.AsNoTracking().Where(d => d.CustomerId == customerId)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).ToListAsync(ct);
    }

    /// <summary>The open request for documents, if the customer is waiting for some.</summary>
    public async Task<DocumentRequest?> OpenRequestAsync(Guid customerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DocumentRequests.AsNoTracking().Where(r => r.CustomerId == customerId && r.FulfilledAt == null)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
    }

    public Task<ServiceResult<CustomerDocument>> AcceptAsync(Guid documentId, Actor actor, CancellationToken ct = default) =>
        ReviewAsync(documentId, actor, DocumentStatus.Accepted, reason: null, ct);

    public Task<ServiceResult<CustomerDocument>> RejectAsync(Guid documentId, Actor actor, string? reason, CancellationToken ct = default) =>
        ReviewAsync(documentId, actor, DocumentStatus.Rejected, reason, ct);

    private async Task<ServiceResult<CustomerDocument>> ReviewAsync(Guid documentId, Actor actor, DocumentStatus decision, string? reason, CancellationToken ct)
    {
        if (!actor.CanDecideKyc) return ServiceResult<CustomerDocument>.Forbidden("Only compliance officers and administrators can review documents.");
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (decision == DocumentStatus.Rejected && reason is null) return Invalid("Reason", "is required", missing: true);
        if (reason is not null && (reason.Length > FieldLimits.Reason || PlainText.HasControlCharacters(reason, allowLineBreaks: true)))
            return Invalid("Reason", $"must be at most {FieldLimits.Reason} characters of plain text");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var document = await db.CustomerDocuments.FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null) return ServiceResult<CustomerDocument>.NotFound("No document has this id.");
        var customer = (await db.FindForUpdateAsync(document.CustomerId, ct))!;
        if (Reviews.ReviewClaims.WhyClaimForbids(customer, actor, clock.GetUtcNow().UtcDateTime, kyc.Value.ClaimTimeout) is { } claimed)
            return ServiceResult<CustomerDocument>.Conflict(claimed, code: Reviews.ReviewClaims.ClaimedByOther);
        if (document.Status != DocumentStatus.Received)
            return ServiceResult<CustomerDocument>.Conflict(
                $"This document is already {document.Status.ToDisplay().ToLowerInvariant()}{(document.ReviewedByName is null ? "" : $" (by {document.ReviewedByName} at {document.ReviewedAt:yyyy-MM-dd HH:mm} UTC)")}.");

        var now = Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        document.Status = decision;
        document.RejectionReason = reason;
        document.ReviewedAt = now;
        document.ReviewedByName = actor.Name;
        document.Version++;
        customer.Changed(now);
        db.CustomerAudit.Add(Audit(customer, decision == DocumentStatus.Accepted ? CustomerAuditActions.DocumentAccepted : CustomerAuditActions.DocumentRejected,
            actor, now, Describe(document), reason));
        try
        {
            await db.SaveChangesAsync(ct);
            await WebhookOutbox.AddAsync(db, customer.PartnerId,
                decision == DocumentStatus.Accepted ? WebhookRules.DocumentAccepted : WebhookRules.DocumentRejected, DocumentResource.From(document), now, ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ServiceResult<CustomerDocument>.Conflict("Someone reviewed this document at the same moment. Reload to see their decision.");
        }
        changes.Publish(new CustomerChange(customer.Id, CustomerAuditActions.DocumentAccepted, customer.Status));
        return ServiceResult<CustomerDocument>.Ok(document);
    }

    /// <summary>Compliance asks for documents: the customer moves to awaiting_documents until every kind has come in.</summary>
    public async Task<ServiceResult<Customer>> RequestAsync(Guid customerId, IReadOnlyCollection<DocumentKind> kinds, string? message, Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanDecideKyc) return ServiceResult<Customer>.Forbidden("Only compliance officers and administrators can request documents.");
        var errors = new Dictionary<string, string[]>();
        if (kinds.Count == 0) errors["Kinds"] = ["pick at least one kind of document"];
        message = string.IsNullOrWhiteSpace(message) ? null : message.Trim();
        if (message is null) errors["Message"] = ["is required"];
        else if (message.Length > FieldLimits.Reason || PlainText.HasControlCharacters(message, allowLineBreaks: true))
            errors["Message"] = [$"must be at most {FieldLimits.Reason} characters of plain text"];
        if (errors.Count > 0) return ServiceResult<Customer>.Invalid(errors, "Pick the documents and write a message.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var customer = await db.FindForUpdateAsync(customerId, ct);
        if (customer is null) return ServiceResult<Customer>.NotFound("No customer has this id.");
        if (customer.Status != CustomerStatus.PendingKyc)
            return ServiceResult<Customer>.Conflict($"Documents can be requested only while KYC is pending; this customer is {customer.Status.ToDisplay()}.");
        if (Reviews.ReviewClaims.WhyClaimForbids(customer, actor, clock.GetUtcNow().UtcDateTime, kyc.Value.ClaimTimeout) is { } claimed)
            return ServiceResult<Customer>.Conflict(claimed, code: Reviews.ReviewClaims.ClaimedByOther);

        var now = Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        var wire = string.Join(',', kinds.Distinct().Order().Select(k => k.ToWire()));
        db.DocumentRequests.Add(new DocumentRequest
        {
            CustomerId = customerId, Kinds = wire, Message = message!, RequestedAt = now, RequestedById = actor.Id, RequestedByName = actor.Name,
        });
        customer.Status = CustomerStatus.AwaitingDocuments;
        customer.Changed(now);
        db.CustomerAudit.Add(new CustomerAuditEntry
        {
            CustomerId = customerId,
            Action = CustomerAuditActions.DocumentsRequested,
            FromStatus = CustomerStatus.PendingKyc,
            ToStatus = CustomerStatus.AwaitingDocuments,
            ActorId = actor.Id,
            ActorName = actor.Name,
            At = now,
            Reason = message,
            Detail = PlainText.Cut(string.Join(", ", kinds.Distinct().Order().Select(k => k.ToDisplay())), 200),
        });
        await db.SaveChangesAsync(ct);
        await StatusCounts.MoveAsync(db, CustomerStatus.PendingKyc, CustomerStatus.AwaitingDocuments, ct);
        await WebhookOutbox.AddAsync(db, customer.PartnerId, WebhookRules.CustomerAwaitingDocuments, CustomerResource.From(customer), now, ct);
        await transaction.CommitAsync(ct);
        changes.Publish(new CustomerChange(customerId, CustomerAuditActions.DocumentsRequested, customer.Status));
        return ServiceResult<Customer>.Ok(customer);
    }

    /// <summary>Opens a document's bytes for a person to look at, recording the view (or download) in the customer's history.</summary>
    public async Task<ServiceResult<(CustomerDocument Document, Stream Content)>> OpenAsync(Guid documentId, Actor actor, bool download, CancellationToken ct = default)
    {
        if (!actor.CanViewDocuments)
            return ServiceResult<(CustomerDocument, Stream)>.Forbidden("Only agents, compliance officers and administrators can look at documents.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var document = await db.CustomerDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null) return ServiceResult<(CustomerDocument, Stream)>.NotFound("No document has this id.");
        var content = await storage.OpenReadAsync(documentId, ct);
        if (content is null) return ServiceResult<(CustomerDocument, Stream)>.NotFound("The document's file is missing from storage.");

        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == document.CustomerId, ct);
        db.CustomerAudit.Add(Audit(customer, download ? CustomerAuditActions.DocumentDownloaded : CustomerAuditActions.DocumentViewed,
            actor, Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime), Describe(document)));
        await db.SaveChangesAsync(ct);
        changes.Publish(new CustomerChange(customer.Id, download ? CustomerAuditActions.DocumentDownloaded : CustomerAuditActions.DocumentViewed, customer.Status));
        return ServiceResult<(CustomerDocument, Stream)>.Ok((document, content));
    }

    private static CustomerAuditEntry Audit(Customer customer, string action, Actor actor, DateTime at, string detail, string? reason = null) => new()
    {
        CustomerId = customer.Id,
        Action = action,
        FromStatus = customer.Status,
        ToStatus = customer.Status,
        ActorId = actor.Id,
        ActorName = actor.Name,
        At = at,
        Detail = PlainText.Cut(detail, 200),
        Reason = reason,
    };

    private static string Describe(CustomerDocument d) =>
        $"{d.Kind.ToDisplay()}{(d.Side is { } side ? $" ({side.ToWire()})" : "")} · {d.FileName}";

    /// <summary>The uploaded name for people to read: no folders, no control characters, at most 200 characters.</summary>
    private static string CleanFileName(string? name, DocumentKind kind, string contentType)
    {
        var clean = PlainText.WithoutControlCharacters(Path.GetFileName((name ?? "").Replace('\\', '/'))).Trim();
        if (clean.Length == 0) clean = kind.ToWire() + FileTypes.Extension(contentType);
        return PlainText.Cut(clean, FieldLimits.FileName);
    }

    private static ServiceResult<CustomerDocument> Invalid(string field, string message, bool missing = false)
    {
        var result = ServiceResult<CustomerDocument>.Invalid(new Dictionary<string, string[]> { [field] = [message] }, $"{field}: {message}");
        return missing ? result.WithMissing(field) : result;
    }

    private ServiceResult<CustomerDocument> TooLarge() =>
        ServiceResult<CustomerDocument>.TooLarge($"The file is larger than {MaxBytes / 1024 / 1024} MiB, the most a document may be.");

    private static ServiceResult<CustomerDocument> Duplicate() =>
        ServiceResult<CustomerDocument>.Conflict("This customer already has this very file.", code: DocumentExists);
}
