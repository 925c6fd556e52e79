using System.Security.Cryptography;
using System.Text;
using BackOffice.Core;
using BackOffice.Core.Customers;
using BackOffice.Core.Documents;
using BackOffice.Core.Seeding;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Documents;

/// <summary>Documents through the service, on a real database (either engine), with approval needing its evidence.</summary>
public sealed class DocumentServiceTests : IAsyncLifetime
{
    private readonly TestDatabase database = TestDatabase.With(new Dictionary<string, string?>
    {
        ["Kyc:RequiredDocuments:individual"] = "identity,proof_of_address",
        ["Kyc:RequiredDocuments:business"] = "business_registration,proof_of_address",
        ["Documents:MaxBytes"] = "100000",
    });

    public ValueTask InitializeAsync() => database.InitializeAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private DocumentService Documents => database.Documents;

    private async Task<Guid> CustomerAsync() => (await database.Customers.CreateAsync(Samples.Customer(), TestDatabase.Agent)).Value!.Id;

    private static byte[] Png(string name = "Ada Lovelace") => DemoDocumentFiles.IdentityCardPng(name, name.Length);
    private static byte[] Pdf(string name = "Ada Lovelace") => DemoDocumentFiles.UtilityBillPdf(name, "1 Main St, London");

    private Task<ServiceResult<CustomerDocument>> UploadAsync(Guid customerId, DocumentKind kind, byte[] bytes, string name = "file.pdf", DocumentSide? side = null) =>
        Documents.UploadAsync(customerId, new NewDocument { Kind = kind, Side = side, FileName = name }, new MemoryStream(bytes), TestDatabase.Agent);

    [Fact]
    public async Task The_type_comes_from_the_bytes_not_the_name_and_the_hash_and_size_are_kept()
    {
        var customerId = await CustomerAsync();
        var png = Png();

        var result = await UploadAsync(customerId, DocumentKind.Passport, png, name: "passport.pdf");

        Assert.True(result.Succeeded, result.Message);
        var document = result.Value!;
        Assert.Equal(FileTypes.Png, document.ContentType);
        Assert.Equal(png.Length, document.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), document.Sha256);
        Assert.Equal(DocumentStatus.Received, document.Status);
        await using var stored = (await Documents.OpenAsync(document.Id, TestDatabase.Compliance, download: false)).Value.Content;
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy);
        Assert.Equal(png, copy.ToArray());
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><script>alert(1)</script></html>")]
    [InlineData("MZ\u0090\0\u0003\0\0\0 an executable")]
    [InlineData("PK\u0003\u0004 a zip archive")]
    public async Task Anything_but_JPEG_PNG_or_PDF_is_refused_whatever_its_name_and_nothing_is_stored(string content)
    {
        var customerId = await CustomerAsync();

        var result = await UploadAsync(customerId, DocumentKind.Passport, Encoding.Latin1.GetBytes(content), name: "passport.pdf");

        Assert.Equal(ServiceResultKind.Invalid, result.Kind);
        Assert.Equal(["must be a JPEG, PNG or PDF file"], result.Errors["File"]);
        Assert.Empty(await Documents.ListAsync(customerId));
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_and_leaves_nothing_behind()
    {
        var customerId = await CustomerAsync();
        var big = new byte[100_001];
        Png().CopyTo(big, 0);

        var result = await UploadAsync(customerId, DocumentKind.Passport, big);

        Assert.Equal(ServiceResultKind.TooLarge, result.Kind);
        Assert.Empty(await Documents.ListAsync(customerId));
        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(0, await db.DocumentContents.CountAsync());
    }

    [Fact]
    public async Task The_same_file_twice_on_one_customer_is_a_conflict_but_another_customer_may_have_it()
    {
        var first = await CustomerAsync();
        var second = await CustomerAsync();
        Assert.True((await UploadAsync(first, DocumentKind.ProofOfAddress, Pdf())).Succeeded);

        var again = await UploadAsync(first, DocumentKind.ProofOfAddress, Pdf());
        var elsewhere = await UploadAsync(second, DocumentKind.ProofOfAddress, Pdf());

        Assert.Equal(ServiceResultKind.Conflict, again.Kind);
        Assert.Equal(DocumentService.DocumentExists, again.Code);
        Assert.True(elsewhere.Succeeded);
    }

    [Fact]
    public async Task A_newer_document_of_the_same_kind_and_side_supersedes_the_older_which_is_kept()
    {
        var customerId = await CustomerAsync();
        var old = (await UploadAsync(customerId, DocumentKind.Passport, Png("Old"), side: DocumentSide.Front)).Value!;
        await UploadAsync(customerId, DocumentKind.Passport, Png("Back"), side: DocumentSide.Back);

        var replacement = (await UploadAsync(customerId, DocumentKind.Passport, Png("New"), side: DocumentSide.Front)).Value!;

        var all = await Documents.ListAsync(customerId);
        Assert.Equal(3, all.Count);
        Assert.Equal(DocumentStatus.Superseded, all.Single(d => d.Id == old.Id).Status);
        Assert.Equal(DocumentStatus.Received, all.Single(d => d.Id == replacement.Id).Status);
        Assert.Equal(DocumentStatus.Received, all.Single(d => d.Side == DocumentSide.Back).Status);
    }

    [Fact]
    public async Task Approval_is_refused_by_the_service_naming_what_is_missing_until_the_evidence_is_accepted()
    {
        var customerId = await CustomerAsync();
        var refused = await database.Reviews.ApproveKycAsync(customerId, TestDatabase.Compliance);
        Assert.Equal(ServiceResultKind.Conflict, refused.Kind);
        Assert.Contains("identity document", refused.Message);
        Assert.Contains("proof of address", refused.Message);

        var passport = (await UploadAsync(customerId, DocumentKind.Passport, Png())).Value!;
        var bill = (await UploadAsync(customerId, DocumentKind.ProofOfAddress, Pdf())).Value!;
        Assert.True((await Documents.AcceptAsync(passport.Id, TestDatabase.Compliance)).Succeeded);
        var stillMissing = await database.Reviews.ApproveKycAsync(customerId, TestDatabase.Compliance);
        Assert.DoesNotContain("identity document", stillMissing.Message);
        Assert.Contains("proof of address", stillMissing.Message);

        Assert.True((await Documents.AcceptAsync(bill.Id, TestDatabase.Compliance)).Succeeded);
        var approved = await database.Reviews.ApproveKycAsync(customerId, TestDatabase.Compliance);
        Assert.True(approved.Succeeded, approved.Message);
    }

    [Fact]
    public async Task Only_compliance_and_admins_review_and_a_rejection_needs_a_reason()
    {
        var customerId = await CustomerAsync();
        var passport = (await UploadAsync(customerId, DocumentKind.Passport, Png())).Value!;

        Assert.Equal(ServiceResultKind.Forbidden, (await Documents.AcceptAsync(passport.Id, TestDatabase.Agent)).Kind);
        Assert.Equal(ServiceResultKind.Forbidden, (await Documents.RejectAsync(passport.Id, TestDatabase.Manager, "blurred")).Kind);
        var noReason = await Documents.RejectAsync(passport.Id, TestDatabase.Compliance, "  ");
        Assert.Equal(ServiceResultKind.Invalid, noReason.Kind);

        var rejected = await Documents.RejectAsync(passport.Id, TestDatabase.Admin, "The photo page is blurred");
        Assert.Equal(DocumentStatus.Rejected, rejected.Value!.Status);
        Assert.Equal(ServiceResultKind.Conflict, (await Documents.AcceptAsync(passport.Id, TestDatabase.Compliance)).Kind);
        var audit = await database.Customers.GetAuditTrailAsync(customerId);
        Assert.Contains(audit, e => e.Action == CustomerAuditActions.DocumentRejected && e.Reason == "The photo page is blurred");
    }

    [Fact]
    public async Task Requested_documents_park_the_customer_until_every_kind_has_arrived_then_it_is_back_in_the_queue()
    {
        var customerId = await CustomerAsync();
        var requested = await Documents.RequestAsync(customerId, [DocumentKind.Passport, DocumentKind.ProofOfAddress], "Please send your passport and a recent bill.", TestDatabase.Compliance);
        Assert.Equal(CustomerStatus.AwaitingDocuments, requested.Value!.Status);
        Assert.Equal(1, (await database.Customers.CountByStatusAsync())[CustomerStatus.AwaitingDocuments]);
        Assert.Equal([DocumentKind.Passport, DocumentKind.ProofOfAddress], (await Documents.OpenRequestAsync(customerId))!.KindList());

        await UploadAsync(customerId, DocumentKind.Passport, Png());
        Assert.Equal(CustomerStatus.AwaitingDocuments, (await database.Customers.GetAsync(customerId))!.Status);

        await UploadAsync(customerId, DocumentKind.ProofOfAddress, Pdf());
        Assert.Equal(CustomerStatus.PendingKyc, (await database.Customers.GetAsync(customerId))!.Status);
        Assert.Null(await Documents.OpenRequestAsync(customerId));
        var counts = await database.Customers.CountByStatusAsync();
        Assert.Equal(0, counts[CustomerStatus.AwaitingDocuments]);
        Assert.Equal(1, counts[CustomerStatus.PendingKyc]);
        var audit = await database.Customers.GetAuditTrailAsync(customerId);
        Assert.Contains(audit, e => e.Action == CustomerAuditActions.DocumentsRequested && e.ToStatus == CustomerStatus.AwaitingDocuments);
        Assert.Contains(audit, e => e.Action == CustomerAuditActions.DocumentsReceived && e.ToStatus == CustomerStatus.PendingKyc);
    }

    [Fact]
    public async Task A_request_needs_kinds_a_message_and_a_pending_customer()
    {
        var customerId = await CustomerAsync();

        var empty = await Documents.RequestAsync(customerId, [], " ", TestDatabase.Compliance);
        Assert.Equal(["Kinds", "Message"], empty.Errors.Keys.Order());
        Assert.Equal(ServiceResultKind.Forbidden, (await Documents.RequestAsync(customerId, [DocumentKind.Other], "Send it", TestDatabase.Agent)).Kind);
        await Documents.RequestAsync(customerId, [DocumentKind.Other], "Send it", TestDatabase.Compliance);
        Assert.Equal(ServiceResultKind.Conflict, (await Documents.RequestAsync(customerId, [DocumentKind.Other], "Again", TestDatabase.Compliance)).Kind);
    }

    [Fact]
    public async Task Every_view_and_download_is_in_the_history_and_a_manager_may_not_look()
    {
        var customerId = await CustomerAsync();
        var passport = (await UploadAsync(customerId, DocumentKind.Passport, Png())).Value!;

        await (await Documents.OpenAsync(passport.Id, TestDatabase.Compliance, download: false)).Value.Content.DisposeAsync();
        await (await Documents.OpenAsync(passport.Id, TestDatabase.Agent, download: true)).Value.Content.DisposeAsync();
        var manager = await Documents.OpenAsync(passport.Id, TestDatabase.Manager, download: false);

        Assert.Equal(ServiceResultKind.Forbidden, manager.Kind);
        var audit = await database.Customers.GetAuditTrailAsync(customerId);
        Assert.Contains(audit, e => e.Action == CustomerAuditActions.DocumentViewed && e.ActorName == TestDatabase.Compliance.Name);
        Assert.Contains(audit, e => e.Action == CustomerAuditActions.DocumentDownloaded && e.ActorName == TestDatabase.Agent.Name);
    }

    [Fact]
    public async Task The_folder_storage_keeps_the_bytes_under_the_documents_id()
    {
        var folder = Path.Combine(Path.GetTempPath(), "backoffice-docs", Guid.NewGuid().ToString("N"));
        var storage = new FolderDocumentStorage(folder);
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, Pdf());
        var id = Guid.CreateVersion7();
        try
        {
            await using (var db = await database.DbFactory.CreateDbContextAsync())
                await storage.SaveAsync(db, id, file, new FileInfo(file).Length, CancellationToken.None);

            await using var read = await storage.OpenReadAsync(id, CancellationToken.None);
            using var copy = new MemoryStream();
            await read!.CopyToAsync(copy);
            Assert.Equal(Pdf(), copy.ToArray());
            Assert.Null(await storage.OpenReadAsync(Guid.CreateVersion7(), CancellationToken.None));
        }
        finally
        {
            File.Delete(file);
            Directory.Delete(folder, recursive: true);
        }
    }
}
