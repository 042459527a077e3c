using JasperFx;
using Marten;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Api.Reference;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Domain.Org;
using Registry.Projections;
using Registry.Projections.Households;
using Registry.Projections.Org;
using Registry.Projections.People;

namespace Registry.Api.Bulk;

/// <summary>
/// One execution of an import: decides households batch by batch and commits each batch's events, verdicts and
/// progress in one transaction. Households already decided by an earlier, interrupted execution are skipped.
/// </summary>
internal sealed class ImportRun(IDocumentStore store, string tenant, ImportRecord record, TimeProvider clock, Hardening.UserQuotas quotas,
    JobLease lease)
{
    /// <summary>Households per transaction: written with COPY, a larger batch spreads its fixed round trips thinner.</summary>
    public const int BatchSize = 500;
    public const int MaxRows = 100_000;

    private readonly HashSet<string> _claimedInRun = [];
    private ImportRecord _record = record;

    public async Task Execute(CancellationToken ct)
    {
        ImportFile? file;
        await using (var query = store.QuerySession(tenant)) file = await query.LoadAsync<ImportFile>(_record.Id, ct);
        if (file is null) throw DomainRefusal.Invalid("file", "import.file.missing", "The uploaded file is no longer stored; upload it again.");
        var sheet = SheetReader.Open(file.Content, _record.Format);
        var rows = sheet.Rows.Take(MaxRows + 1).ToList();
        if (rows.Count > MaxRows) throw DomainRefusal.Invalid("file", "import.rows.too-many", $"An import has at most {MaxRows} rows; split the file.");
        var drafts = HouseholdDraft.Group(rows);

        IReadOnlyList<ImportVerdict> earlier;
        HashSet<string> villages;
        await using (var query = store.QuerySession(tenant))
        {
            earlier = await query.Query<ImportVerdict>().Where(v => v.ImportId == _record.Id).ToListAsync(ct);
            var codes = drafts.Select(d => d.VillageCode).Where(OrgCode.IsWellFormed).Distinct().Cast<string>().ToArray();
            villages = codes.Length == 0 ? [] : (await query.LoadManyAsync<OrgUnit>(ct, codes)).Where(u => u.Kind == OrgKind.Village).Select(u => u.Id).ToHashSet();
        }
        var counts = earlier.Aggregate(ImportCounts.None with { RowsTotal = rows.Count, HouseholdsTotal = drafts.Count }, (c, v) => c.Add(v));
        await Save(_record with { Status = ImportStatus.Running, StartedAt = _record.StartedAt ?? clock.GetUtcNow(), Counts = counts }, ct);

        var done = earlier.Select(v => v.FirstRow).ToHashSet();
        var batches = drafts.Where(d => !done.Contains(d.FirstRow)).Chunk(BatchSize).ToList();
        // The next batch is read, decided and stamped while this one commits, on the claims of the batches decided before it.
        Task<Decided>? ahead = null;
        try
        {
            for (var i = 0; i < batches.Count; i++)
            {
                // Every row is a write of the uploader's: a sheet waits for their quota like their requests do.
                await quotas.DrawWrites(_record.CreatedBy.UserId, batches[i].Sum(d => d.Rows.Count), ct);
                var decided = await (ahead ?? Decide(batches[i], sheet, villages, ct));
                ahead = i + 1 < batches.Count ? Decide(batches[i + 1], sheet, villages, ct) : null;
                await lease.EnsureHeld(ct);
                try
                {
                    await Commit(decided, ct);
                }
                catch (Exception e) when (IsConflict(e))
                {
                    // Someone else claimed a person or a household id since the batch was read: settle each household on its own,
                    // then decide the next batch again, since it counted this batch's people as taken in the run.
                    if (ahead is not null) Forget(await ahead);
                    ahead = null;
                    await CommitOneByOne(decided, sheet, villages, ct);
                }
            }
        }
        finally
        {
            if (ahead is not null) await ahead.ContinueWith(t => { if (t.IsCompletedSuccessfully) t.Result.Pending.Dispose(); }, CancellationToken.None);
        }
    }

    public Task Finish(ImportStatus status, ImportFailure? failure, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return Save(_record with { Status = status, Failure = failure, StartedAt = _record.StartedAt ?? now, FinishedAt = now }, ct, deleteFile: true);
    }

    /// <summary>A batch decided, and the new households it applies appended and stamped in a session not yet saved.</summary>
    private sealed record Decided(IReadOnlyList<DraftOutcome> Outcomes, IDocumentSession Pending);

    private async Task<Decided> Decide(HouseholdDraft[] batch, SheetContent sheet, IReadOnlySet<string> villages, CancellationToken ct)
    {
        var facts = await FactsFor(batch, sheet, villages, ct);
        var outcomes = new List<DraftOutcome>();
        foreach (var draft in batch)
        {
            var outcome = HouseholdSheetDecision.Decide(draft, facts);
            if (outcome.Applies) _claimedInRun.UnionWith(draft.IdNumbers);
            outcomes.Add(outcome);
        }
        var pending = OpenSession();
        foreach (var outcome in outcomes.Where(o => o.Applies)) Append(pending, outcome);
        return new Decided(outcomes, pending);
    }

    /// <summary>A batch decided but never committed gives back the people it claimed in the run.</summary>
    private void Forget(Decided decided)
    {
        foreach (var outcome in decided.Outcomes.Where(o => o.Applies)) _claimedInRun.ExceptWith(outcome.Draft.IdNumbers);
        decided.Pending.Dispose();
    }

    private async Task<BatchFacts> FactsFor(HouseholdDraft[] batch, SheetContent sheet, IReadOnlySet<string> villages, CancellationToken ct)
    {
        var ids = batch.Select(d => d.StreamId).OfType<Guid>().Distinct().ToArray();
        var numbers = batch.SelectMany(d => d.IdNumbers).Distinct().ToArray();
        await using var query = store.QuerySession(tenant);
        var existing = ids.Length == 0 ? [] : (await query.LoadManyAsync<HouseholdDetails>(ct, ids)).ToDictionary(h => h.Id, h => h.VillageCode);
        var claims = numbers.Length == 0 ? [] : (await query.LoadManyAsync<PersonIndexEntry>(ct, numbers)).ToDictionary(c => c.Id, c => c.HouseholdId);
        return new BatchFacts(_record.Id, _record.CreatedBy, sheet, villages, existing, claims, _claimedInRun, clock.GetUtcNow());
    }

    /// <summary>The batch's new households, verdicts and progress in one transaction, written with COPY.</summary>
    private async Task Commit(Decided decided, CancellationToken ct)
    {
        await using var pending = decided.Pending;
        var next = _record with { Counts = decided.Outcomes.Aggregate(_record.Counts, (c, o) => c.Add(o.Verdict)) };
        var told = await ClaimsTold(decided.Outcomes.Select(o => (o.Draft, o.Verdict)), ct);
        await NewHouseholdsCopy.Write(store, pending, decided.Outcomes.Select(o => o.Verdict).ToList(), session =>
        {
            session.Store(next);
            foreach (var read in told) session.Store(read);
        }, ct);
        _record = next;
    }

    /// <summary>
    /// A batch that lost a race, settled household by household in sheet order, each decided again on what is stored now and on
    /// the people of those before it: no verdict rests on a claim of the failed batch that did not hold (a household refused a
    /// person an earlier one of the batch claimed, which then failed itself, is decided again and applied).
    /// </summary>
    private async Task CommitOneByOne(Decided failed, SheetContent sheet, IReadOnlySet<string> villages, CancellationToken ct)
    {
        foreach (var outcome in failed.Outcomes.Where(o => o.Applies)) _claimedInRun.ExceptWith(outcome.Draft.IdNumbers);
        var settled = new List<(HouseholdDraft Draft, ImportVerdict Verdict)>();
        foreach (var draft in failed.Outcomes.Select(o => o.Draft))
        {
            var decided = await Decide([draft], sheet, villages, ct);
            var outcome = decided.Outcomes[0];
            await using var session = decided.Pending;
            if (!outcome.Applies)
            {
                settled.Add((outcome.Draft, outcome.Verdict));
                continue;
            }
            session.Store(outcome.Verdict);
            // The record counts the verdict in the transaction that writes it, as a whole batch's are.
            var counted = _record with { Counts = _record.Counts.Add(outcome.Verdict) };
            session.Store(counted);
            try
            {
                await session.SaveChangesAsync(ct);
                _record = counted;
            }
            catch (Exception e) when (IsConflict(e))
            {
                _claimedInRun.ExceptWith(outcome.Draft.IdNumbers);
                settled.Add((outcome.Draft,
                    await Recheck(outcome, sheet, ct) ?? throw new InvalidOperationException("A conflict that names no person or household.", e)));
            }
        }
        await using var final = OpenSession();
        foreach (var (_, verdict) in settled) final.Store(verdict);
        foreach (var read in await ClaimsTold(settled, ct)) final.Store(read);
        var next = _record with { Counts = settled.Aggregate(_record.Counts, (c, s) => c.Add(s.Verdict)) };
        final.Store(next);
        await final.SaveChangesAsync(ct);
        _record = next;
    }

    /// <summary>
    /// A verdict that a person already belongs to another household tells the uploader that person is on record elsewhere, as a
    /// refused write does (<see cref="Audit.ClaimProbes"/>): a sensitive read of the holding household, stored with the verdict;
    /// none for a household this import registered.
    /// </summary>
    private async Task<IReadOnlyList<Audit.SensitiveRead>> ClaimsTold(IEnumerable<(HouseholdDraft Draft, ImportVerdict Verdict)> settled, CancellationToken ct)
    {
        var numbers = settled.SelectMany(s => s.Verdict.Problems.Where(p => p.Code == PersonClaims.Code)
                .SelectMany(p => s.Draft.Rows.Where(r => r.Number == p.Row)))
            .Select(r => r[SheetColumn.IdNumber]).OfType<string>().Select(HouseholdDraft.Normalize).Distinct().ToArray();
        if (numbers.Length == 0) return [];
        await using var query = store.QuerySession(tenant);
        var claims = await query.LoadManyAsync<PersonIndexEntry>(ct, numbers);
        // A person the sheet names twice is held by the sheet's own earlier household: that tells the uploader nothing.
        var holding = claims.Select(c => (Guid?)c.HouseholdId).Distinct().ToArray();
        var ours = (await query.Query<ImportVerdict>().Where(v => v.ImportId == _record.Id && holding.Contains(v.HouseholdId)).ToListAsync(ct))
            .Select(v => v.HouseholdId).ToHashSet();
        var holders = await Audit.ClaimProbes.Holders(query, claims.Where(c => !ours.Contains(c.HouseholdId)).ToList(), ct);
        var now = clock.GetUtcNow();
        return holders.Select(h => Audit.SensitiveReads.Of(_record.CreatedBy, h, Audit.ClaimProbes.Purpose, _record.CorrelationId, now)).ToList();
    }

    /// <summary>Why a household lost its race: its stream now exists, or some of its people now belong to another household.</summary>
    private async Task<ImportVerdict?> Recheck(DraftOutcome outcome, SheetContent sheet, CancellationToken ct)
    {
        var id = outcome.Verdict.HouseholdId!.Value;
        await using var query = store.QuerySession(tenant);
        if (await query.Events.FetchStreamStateAsync(id, ct) is not null)
            return HouseholdSheetDecision.Verdict(_record.Id, outcome.Draft, Verdicts.AlreadyImported, id, []);
        var taken = (await query.LoadManyAsync<PersonIndexEntry>(ct, outcome.Draft.IdNumbers.Distinct().ToArray()))
            .Where(c => c.HouseholdId != id).Select(c => c.Id).ToHashSet();
        if (taken.Count == 0) return null;
        var problems = new RowProblems(sheet);
        foreach (var row in outcome.Draft.Rows.Where(r => r[SheetColumn.IdNumber] is { } n && taken.Contains(HouseholdDraft.Normalize(n))))
            problems.Add(row.Number, SheetColumn.IdNumber, PersonClaims.Code, "This person already belongs to another household.");
        return HouseholdSheetDecision.Verdict(_record.Id, outcome.Draft, Verdicts.Rejected, null, problems.All);
    }

    /// <summary>
    /// The registration is stamped with no reason, as a registration through the API; the household's facts after it with the
    /// reason their decision was given, as a facts write carries its own.
    /// </summary>
    private void Append(IDocumentSession session, DraftOutcome outcome)
    {
        var id = outcome.Verdict.HouseholdId!.Value;
        var stream = session.Events.StartStream<HouseholdDetails>(id, outcome.Events);
        var (serializer, unit, registration) = (session.DocumentStore.Options.Serializer(), ChainHeads.UnitOfNew(stream), stream.Events[0]);
        EventChain.Stamp(serializer, id, [registration], 0, null, unit, _record.CreatedBy, reason: null, _record.CorrelationId);
        EventChain.Stamp(serializer, id, stream.Events.Skip(1), 1, EventMetadata.HashOf(registration), unit, _record.CreatedBy,
            HouseholdSheetDecision.FactsReason, _record.CorrelationId);
    }

    private IDocumentSession OpenSession()
    {
        var session = store.LightweightSession(tenant);
        session.CorrelationId = _record.CorrelationId;
        session.LastModifiedBy = _record.CreatedBy.UserId;
        return session;
    }

    private async Task Save(ImportRecord next, CancellationToken ct, bool deleteFile = false)
    {
        await using var session = store.LightweightSession(tenant);
        session.Store(next);
        if (deleteFile) session.Delete<ImportFile>(next.Id);
        await session.SaveChangesAsync(ct);
        _record = next;
    }

    private static bool IsConflict(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is DocumentAlreadyExistsException or ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException
                or JasperFx.Events.ExistingStreamIdCollisionException or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
                return true;
        return false;
    }
}
