using BackOffice.Core.Webhooks;
using BackOffice.Core.Api;
using System.Linq.Expressions;
using BackOffice.Core.Dashboard;
using BackOffice.Core.Data;
using BackOffice.Core.Identity;
using BackOffice.Core.Screening;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Customers;

/// <summary>
/// Onboarding: create customers, read one, list them. The back-office pages and the REST API both come through here.
/// Each call uses its own short-lived DbContext.
/// </summary>
public sealed class CustomerService(
    IDbContextFactory<BackOfficeDbContext> dbFactory,
    IValidator<NewCustomer> validator,
    TimeProvider clock,
    ICustomerChanges changes,
    ScreeningService? screening = null)
{
    public async Task<ServiceResult<Customer>> CreateAsync(NewCustomer input, Actor actor, CancellationToken ct = default) =>
        await CreateAsync(input, actor, beforeCommit: null, ct);

    public async Task<ServiceResult<Customer>> CreateAsync(NewCustomer input, Actor actor, BeforeCommit<Customer>? beforeCommit, CancellationToken ct = default) =>
        (await CreateManyAsync([new CustomerToCreate(input, actor, beforeCommit)], ct))[0];

    /// <summary>
    /// Creates several customers in one transaction and one commit (the group commit and the bulk import). Each is
    /// checked on its own — role, validators, email against the database and against the earlier ones in the batch —
    /// and each that passes is audited, screened, counted and announced to its partner's webhooks. The answers come back
    /// in the order of <paramref name="items"/>; one refused item never fails its neighbours. If another writer takes
    /// an email between the check and the commit, the batch is retried item by item. Any other failure (a throwing
    /// <see cref="CustomerToCreate.BeforeCommit"/>, a lost database) throws and saves nothing.
    /// </summary>
    public async Task<IReadOnlyList<ServiceResult<Customer>>> CreateManyAsync(IReadOnlyList<CustomerToCreate> items, CancellationToken ct = default)
    {
        var checkedItems = new List<CheckedCreate>(items.Count);
        foreach (var item in items) checkedItems.Add(await CheckAsync(item, ct));
        return await CreateCheckedAsync(checkedItems, ct);
    }

    /// <summary>
    /// What a create can be checked for without the database: the actor's role and the validators (a refusal is the
    /// answer), then the name matched against the sanctions lists. The group commit runs this on each caller's thread,
    /// in parallel, before the create joins a commit.
    /// </summary>
    internal async Task<CheckedCreate> CheckAsync(CustomerToCreate item, CancellationToken ct)
    {
        if (!item.Actor.CanCreateCustomers)
            return new CheckedCreate(item, ServiceResult<Customer>.Forbidden("Only agents and administrators can create customers."), null);
        var validation = await validator.ValidateAsync(item.Input, ct);
        if (!validation.IsValid) return new CheckedCreate(item, ServiceResult<Customer>.Invalid(validation), null);
        return new CheckedCreate(item, null, screening?.MatchNew(item.Input));
    }

    /// <summary>Creates the checked items that were not refused; see <see cref="CreateManyAsync"/>.</summary>
    internal async Task<IReadOnlyList<ServiceResult<Customer>>> CreateCheckedAsync(IReadOnlyList<CheckedCreate> items, CancellationToken ct)
    {
        var results = new ServiceResult<Customer>[items.Count];
        var now = clock.GetUtcNow().UtcDateTime;
        var valid = new List<(int Index, Customer Customer)>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Refusal is { } refusal) results[i] = refusal;
            else valid.Add((i, Normalize(items[i].Item.Input, items[i].Item.Actor, now)));
        }
        if (valid.Count == 0) return results;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The emails are checked inside the writing transaction: on SQLite no other writer can take one before the insert.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var emails = valid.Select(v => v.Customer.Email).Distinct().ToList();
        var taken = new Dictionary<string, EmailHolder>();
        await foreach (var holder in HoldersOf(db, emails).WithCancellation(ct)) taken[holder.Email] = holder;
        var toInsert = new List<(int Index, Customer Customer)>();
        foreach (var (index, customer) in valid)
        {
            if (taken.TryGetValue(customer.Email, out var holder))
            {
                results[index] = EmailTakenResult(holder, items[index].Item.Actor);
                continue;
            }
            // An earlier item of this batch has the email: as if it had been created first, which it is.
            taken[customer.Email] = new EmailHolder(customer.Id, customer.Email, customer.FirstName, customer.LastName, customer.PartnerId);
            toInsert.Add((index, customer));
        }
        if (toInsert.Count == 0) return results;

        try
        {
            await InsertAsync(db, toInsert.Select(t => (t.Customer, items[t.Index])).ToList(), now, ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another writer took an email after the check (on PostgreSQL: an import, an edit, another instance).
            // Nothing was saved; the transaction lets go of its locks before the creates are tried again.
            await transaction.RollbackAsync(CancellationToken.None);
            if (toInsert.Count == 1)
            {
                // Someone created a customer with this email between our check and our insert.
                var (index, customer) = toInsert[0];
                await using var fresh = await dbFactory.CreateDbContextAsync(ct);
                results[index] = await EmailTakenAsync(fresh, customer.Email, items[index].Item.Actor, ct)
                    ?? throw new InvalidOperationException("Unique violation without a duplicate email.", e);
                return results;
            }
            // Each in its own commit: one that throws must not hide that the ones before it were committed.
            Dictionary<int, Exception>? failures = null;
            foreach (var (index, _) in toInsert)
            {
                try { results[index] = (await CreateCheckedAsync([items[index]], ct))[0]; }
                catch (Exception failure) { (failures ??= [])[index] = failure; }
            }
            if (failures is not null) throw new PartlyCommittedException(results, failures);
            return results;
        }

        foreach (var (index, customer) in toInsert)
        {
            results[index] = ServiceResult<Customer>.Ok(customer);
            changes.Publish(new CustomerChange(customer.Id, CustomerAuditActions.Created, customer.Status));
        }
        return results;
    }

    /// <summary>The rows, counts and outbox events of new customers, in the caller's transaction.</summary>
    private async Task InsertAsync(BackOfficeDbContext db, IReadOnlyList<(Customer Customer, CheckedCreate Checked)> batch, DateTime now, CancellationToken ct)
    {
        var customers = batch.Select(b => b.Customer).ToList();
        var created = batch.Select(b => new CustomerAuditEntry
        {
            CustomerId = b.Customer.Id,
            Action = CustomerAuditActions.Created,
            FromStatus = null,
            ToStatus = b.Customer.Status,
            ActorId = b.Checked.Item.Actor.Id,
            ActorName = b.Checked.Item.Actor.Name,
            At = b.Customer.CreatedAt,
            Detail = b.Checked.Item.Source,
        }).ToList();
        // Screened before the commit: while lists are in force, no customer exists unscreened.
        var screened = new ScreeningRows();
        if (screening is not null)
            foreach (var (customer, (item, _, match)) in batch) screening.ScreenNew(customer, item.Actor, match, screened);
        if (db.Database.IsSqlite())
        {
            // A batch's rows through one prepared statement per table, untracked: SaveChanges prepares one per row, and
            // tracking them cost more than writing them. Customers first (the audit entries and screening hits refer to
            // them), each one's Created entry before the screening's.
            await SqliteRowWriter.WriteAsync(db, customers, ct);
            await SqliteRowWriter.WriteAsync(db, created, ct);
            await SqliteRowWriter.WriteAsync(db, screened.Audits, ct);
            await SqliteRowWriter.WriteAsync(db, screened.Hits, ct);
        }
        else
        {
            db.Customers.AddRange(customers);
            db.CustomerAudit.AddRange(created);
            screened.AddTo(db);
            await db.SaveChangesAsync(ct);
        }
        await StatusCounts.AddAsync(db, CustomerStatus.PendingKyc, batch.Count, ct);
        await DailyCounts.CustomersCreatedAsync(db, now, customers, ct);
        await WebhookOutbox.AddManyAsync(db, WebhookRules.CustomerCreated, customers.Select(c => (c.PartnerId, (object)CustomerResource.From(c))).ToList(), now, ct);
        foreach (var (customer, (item, _, _)) in batch)
            if (item.BeforeCommit is { } beforeCommit) await beforeCommit(db, customer, ct);
    }

    /// <summary>A create after <see cref="CheckAsync"/>: refused (with the answer), or to be created with its screening match.</summary>
    internal sealed record CheckedCreate(CustomerToCreate Item, ServiceResult<Customer>? Refusal, Screening.ScreeningService.ScreeningMatch? Match);

    internal sealed record EmailHolder(Guid Id, string Email, string FirstName, string LastName, Guid? PartnerId);

    public const string EmailTaken = "email_taken";

    public async Task<Customer?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
    }

    /// <summary>The customer if <paramref name="viewer"/> may see it: another partner's customer is as unknown as a wrong id.</summary>
    public async Task<Customer?> GetAsync(Guid id, Actor viewer, CancellationToken ct = default)
    {
        var customer = await GetAsync(id, ct);
        return customer is not null && viewer.CanSee(customer.PartnerId) ? customer : null;
    }

    /// <summary>A page of the customers <paramref name="viewer"/> may see: an API key's partner's only.</summary>
    public Task<ServiceResult<CustomerPage>> ListAsync(CustomerListQuery query, Actor viewer, CancellationToken ct = default) =>
        ListAsync(viewer.PartnerId is { } partner ? query with { PartnerId = partner } : query, ct);

    /// <summary>Creation and every status change of one customer, oldest first.</summary>
    public async Task<IReadOnlyList<CustomerAuditEntry>> GetAuditTrailAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CustomerAudit.AsNoTracking().Where(e => e.CustomerId == id).OrderBy(e => e.Id).ToListAsync(ct);
    }

    /// <summary>How many customers are in a screening status (the list's chip); served by the (screening_status, created_at, id) index.</summary>
    public async Task<long> CountByScreeningAsync(ScreeningStatus status, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Customers.LongCountAsync(c => c.ScreeningStatus == status, ct);
    }

    /// <summary>How many customers are in each status, from the counts kept as changes happen (no table scan).</summary>
    public async Task<IReadOnlyDictionary<CustomerStatus, long>> CountByStatusAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.CustomerStatusCounts.AsNoTracking().ToDictionaryAsync(c => c.Status, c => c.Count, ct);
        foreach (var status in Enum.GetValues<CustomerStatus>()) counts.TryAdd(status, 0);
        return counts;
    }

    public async Task<ServiceResult<CustomerPage>> ListAsync(CustomerListQuery query, CancellationToken ct = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, CustomerListQuery.MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var cursorId = query.StartingAfter ?? query.EndingBefore;
        if (cursorId is null)
        {
            var first = await NewestMatchesAsync(db, query, olderThan: null, pageSize + 1, ct);
            return ServiceResult<CustomerPage>.Ok(new CustomerPage(first.Take(pageSize).ToList(), HasNewer: false, HasOlder: first.Count > pageSize));
        }

        // The cursor's customer may have left the filter since the page was shown (decided, screened clear, released):
        // it still marks the place. Only the partner is kept: a key cannot page from another partner's customer.
        var cursor = await Filter(db, query with { Status = null, Screening = null, Search = null, CreatedAfter = null, CreatedBefore = null, ReviewerId = null }).Where(c => c.Id == cursorId)
            .Select(c => new { c.CreatedAt, c.Id }).FirstOrDefaultAsync(ct);
        if (cursor is null)
            return ServiceResult<CustomerPage>.Invalid(
                new Dictionary<string, string[]> { [query.StartingAfter is null ? "EndingBefore" : "StartingAfter"] = ["must be the id of an existing customer"] },
                "The paging cursor does not name a customer.");

        if (query.StartingAfter is not null)
        {
            var older = await NewestMatchesAsync(db, query, (cursor.CreatedAt, cursor.Id), pageSize + 1, ct);
            return ServiceResult<CustomerPage>.Ok(new CustomerPage(older.Take(pageSize).ToList(), HasNewer: true, HasOlder: older.Count > pageSize));
        }

        var newerThanCursor = NewerThan(Filter(db, query with { Search = null }), cursor.CreatedAt, cursor.Id);
        var newer = CustomerSearch.Parse(query.Search) is { IsExact: false } search
            ? await CustomerSearch.OldestMatchesAsync(db, newerThanCursor, search, cursor.CreatedAt, pageSize + 1, ct)
            : await CustomerSearch.Apply(newerThanCursor, query.Search).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(pageSize + 1).ToListAsync(ct);
        var page = newer.Take(pageSize).Reverse().ToList();
        return ServiceResult<CustomerPage>.Ok(new CustomerPage(page, HasNewer: newer.Count > pageSize, HasOlder: true));
    }

    /// <summary>The newest <paramref name="take"/> of the query's customers (older than <paramref name="olderThan"/>); a search's are found by <see cref="CustomerSearch"/>.</summary>
    private static async Task<List<Customer>> NewestMatchesAsync(
        BackOfficeDbContext db, CustomerListQuery query, (DateTime CreatedAt, Guid Id)? olderThan, int take, CancellationToken ct)
    {
        IQueryable<Customer> Older(IQueryable<Customer> set) => olderThan is { } c ? OlderThan(set, c.CreatedAt, c.Id) : set;
        if (CustomerSearch.Parse(query.Search) is { IsExact: false } search)
            return await CustomerSearch.NewestMatchesAsync(db, Older(Filter(db, query with { Search = null })), search, olderThan?.CreatedAt, take, ct);
        return await NewestFirst(Older(Filter(db, query))).Take(take).ToListAsync(ct);
    }

    /// <summary>The customers a list query's filter and search select, unordered. The export walks the same set.</summary>
    internal static IQueryable<Customer> Filter(BackOfficeDbContext db, CustomerListQuery query)
    {
        IQueryable<Customer> customers = db.Customers.AsNoTracking();
        if (query.Status is { } status) customers = customers.Where(c => c.Status == status);
        if (query.PartnerId is { } partner) customers = customers.Where(c => c.PartnerId == partner);
        if (query.Screening is { } screening) customers = customers.Where(c => c.ScreeningStatus == screening);
        if (query.CreatedAfter is { } after) customers = customers.Where(c => c.CreatedAt > after);
        if (query.CreatedBefore is { } before) customers = customers.Where(c => c.CreatedAt <= before);
        if (query.ReviewerId is { } reviewer)
        {
            var claimedAfter = query.ReviewClaimedAfter ?? DateTime.MinValue;
            customers = customers.Where(c => c.ReviewerId == reviewer && c.ReviewClaimedAt > claimedAfter);
        }
        return CustomerSearch.Apply(customers, query.Search);
    }

    /// <summary>How many customers the query's filter and search select (for an export's progress).</summary>
    public async Task<long> CountAsync(CustomerListQuery query, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(query.Search) && query.CreatedAfter is null && query.CreatedBefore is null && query.Screening is null && query.PartnerId is null && query.ReviewerId is null)
        {
            var counts = await CountByStatusAsync(ct);
            return query.Status is { } status ? counts[status] : counts.Values.Sum();
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return CustomerSearch.Parse(query.Search) is { IsExact: false } search
            ? await CustomerSearch.CountAsync(db, Filter(db, query with { Search = null }), search, ct)
            : await Filter(db, query).LongCountAsync(ct);
    }

    internal static IOrderedQueryable<Customer> NewestFirst(IQueryable<Customer> customers) =>
        customers.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id);

    // Keyset conditions on (created_at, id). The leading "created_at <= x" repeats what the OR implies: it gives the
    // (created_at, id) index a range to start from. Without it PostgreSQL read every newer row before each page, so a
    // full export took 105 s instead of seconds.
    internal static IQueryable<Customer> OlderThan(IQueryable<Customer> customers, DateTime createdAt, Guid id) =>
        customers.Where(c => c.CreatedAt <= createdAt && (c.CreatedAt < createdAt || (c.CreatedAt == createdAt && c.Id.CompareTo(id) < 0)));

    internal static IQueryable<Customer> NewerThan(IQueryable<Customer> customers, DateTime createdAt, Guid id) =>
        customers.Where(c => c.CreatedAt >= createdAt && (c.CreatedAt > createdAt || (c.CreatedAt == createdAt && c.Id.CompareTo(id) > 0)));

    private static async Task<ServiceResult<Customer>?> EmailTakenAsync(BackOfficeDbContext db, string email, Actor actor, CancellationToken ct) =>
        (await EmailHoldersAsync(db, c => c.Email == email, ct)).FirstOrDefault() is { } existing ? EmailTakenResult(existing, actor) : null;

    /// <summary>Who has the emails <paramref name="which"/> selects (the edit, and a create that lost a race); the group commit asks <see cref="HoldersOf"/>.</summary>
    internal static Task<List<EmailHolder>> EmailHoldersAsync(BackOfficeDbContext db, Expression<Func<Customer, bool>> which, CancellationToken ct) =>
        db.Customers.AsNoTracking().Where(which).Select(AsEmailHolder).ToListAsync(ct);

    private static readonly Expression<Func<Customer, EmailHolder>> AsEmailHolder =
        c => new EmailHolder(c.Id, c.Email, c.FirstName, c.LastName, c.PartnerId);

    /// <summary>The group commit's question, compiled once: translating it on every batch cost more than running it.</summary>
    private static readonly Func<BackOfficeDbContext, List<string>, IAsyncEnumerable<EmailHolder>> HoldersOf =
        EF.CompileAsyncQuery((BackOfficeDbContext db, List<string> emails) =>
            db.Customers.AsNoTracking().Where(c => emails.Contains(c.Email)).Select(AsEmailHolder));

    internal static ServiceResult<Customer> EmailTakenResult(EmailHolder existing, Actor actor)
    {
        // Emails are unique across all customers, but a partner learns who has one only if it may see that customer.
        if (!actor.CanSee(existing.PartnerId))
            return ServiceResult<Customer>.Conflict("A customer with this email already exists.",
                new Dictionary<string, string[]> { [nameof(NewCustomer.Email)] = ["is already used by another customer"] }, code: EmailTaken);
        var message = $"is already used by customer {existing.FirstName} {existing.LastName}";
        return ServiceResult<Customer>.Conflict(
            $"A customer with this email already exists ({existing.FirstName} {existing.LastName}).",
            new Dictionary<string, string[]> { [nameof(NewCustomer.Email)] = [message] },
            existing.Id, EmailTaken);
    }

    /// <summary>The names and country as <see cref="Normalize"/> stores them: what screening matches.</summary>
    internal static (string FirstName, string LastName, string Country) NormalizedScreeningFields(NewCustomer valid) =>
        (valid.FirstName!.Trim(), valid.LastName!.Trim(), valid.BillingAddress.Country!.Trim().ToUpperInvariant());

    /// <summary>Trims everything, lower-cases the email, puts the phone in E.164 and the country in upper case.</summary>
    internal static Customer Normalize(NewCustomer input, Actor actor, DateTime now)
    {
        var createdAt = Timestamps.ToStoredPrecision(now);
        ContactRules.TryNormalizePhone(input.Phone, out var phone);
        var address = input.BillingAddress;
        var (firstName, lastName, country) = NormalizedScreeningFields(input);
        return new Customer
        {
            Id = Guid.CreateVersion7(createdAt),
            FirstName = firstName,
            LastName = lastName,
            FirstNameKey = ContactRules.SearchKey(firstName),
            LastNameKey = ContactRules.SearchKey(lastName),
            Email = ContactRules.NormalizeEmail(input.Email!),
            Phone = phone,
            Type = input.Type!.Value,
            BillingAddress = new BillingAddress
            {
                Line1 = address.Line1!.Trim(),
                Line2 = string.IsNullOrWhiteSpace(address.Line2) ? null : address.Line2.Trim(),
                City = address.City!.Trim(),
                State = address.State!.Trim(),
                ZipCode = address.ZipCode!.Trim().ToUpperInvariant(),
                Country = country,
            },
            Status = CustomerStatus.PendingKyc,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
            CreatedById = actor.Id,
            CreatedByName = actor.Name,
            PartnerId = actor.PartnerId,
        };
    }
}
