using System.Collections.Concurrent;
using Marten;
using Registry.Api.Infrastructure;
using Registry.Api.Reference;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Domain.Org;
using Registry.Domain.Policy;
using Registry.Domain.Quality;
using Registry.Projections.Households;
using Registry.Projections.Quality;

namespace Registry.Api.Quality;

/// <summary>
/// Runs a cleaning run to its end in batches: a first pass gathers the unit's ID and phone numbers (all the rules that
/// look across households need), a second checks the households a batch at a time, each batch's problems and the run's
/// progress committed together. Memory holds one batch and the unit's keys, never the unit's households.
/// </summary>
public sealed class DataQualityRunner(IDocumentStore store, Tenancy.Districts districts, TimeProvider clock, ILogger<DataQualityRunner> logger)
{
    public const int BatchSize = 500;

    private readonly ConcurrentDictionary<Guid, byte> _running = new();

    /// <summary>The households a run checks: the unit's, but removed ones (清退), which are no longer targets.</summary>
    public static IQueryable<HouseholdDetails> Targets(IQuerySession session, string prefix) =>
        session.Query<HouseholdDetails>().InUnit(prefix).Where(h => h.Status != HouseholdStatus.Removed);

    /// <summary>
    /// What the first pass needs of each of <see cref="Targets"/>: its members' ID and phone numbers, read as a few
    /// strings a household rather than whole households.
    /// </summary>
    private static IAsyncEnumerable<HouseholdKeys> TargetKeys(IQuerySession session, string prefix, CancellationToken ct)
    {
        var table = session.DocumentStore.Options.FindOrResolveDocumentType(typeof(HouseholdDetails)).TableName.QualifiedName;
        return session.AdvancedSql.StreamAsync<HouseholdKeys>(
            $"""
             select jsonb_build_object('id', d.id, 'idNumbers', jsonb_path_query_array(d.data, '$.state.members[*].facts.idNumber'),
                 'phones', jsonb_path_query_array(d.data, '$.state.members[*].facts.phone'))
             from {table} as d where d.village_code between ? and ? and d.data ->> 'status' <> ?
             """, ct, Units.From(prefix), Units.To(prefix), nameof(HouseholdStatus.Removed));
    }

    private sealed record HouseholdKeys(Guid Id, IReadOnlyList<string> IdNumbers, IReadOnlyList<string?> Phones);

    public async Task Run(Guid runId, string tenant, CancellationToken ct)
    {
        // The request and the start-up recovery may both ask for the same run.
        if (!_running.TryAdd(runId, 0)) return;
        try
        {
            // So may the start-up recovery of every node: one node runs it.
            await using var lease = await Infrastructure.JobLease.TryTake(store, tenant, "data-quality", runId, ct);
            if (lease is null) return;
            DataQualityRun? run;
            await using (var query = store.QuerySession(tenant)) run = await query.LoadAsync<DataQualityRun>(runId, ct);
            if (run is null || run.IsFinished) return;
            try
            {
                await Execute(run, lease, ct);
            }
            catch (Infrastructure.JobLeaseLost)
            {
                logger.LogWarning("Cleaning run {RunId} stopped: its lease was lost, so another node may run it", runId);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogError(e, "Cleaning run {RunId} failed", runId);
                await Save(run with
                {
                    Status = DataQualityRunStatus.Failed,
                    FinishedAt = clock.GetUtcNow(),
                    Failure = e is DomainRefusal refusal ? refusal.Code : "data-quality.run.failed",
                }, CancellationToken.None);
            }
        }
        finally
        {
            _running.TryRemove(runId, out _);
        }
    }

    private async Task Execute(DataQualityRun requested, Infrastructure.JobLease lease, CancellationToken ct)
    {
        var prefix = OrgCode.SignificantPrefix(requested.Org);
        var now = clock.GetUtcNow();
        await using var query = store.QuerySession(districts.TenantOfUnit(requested.Org));
        var open = (await query.Query<ProblemView>()
                .InUnit(p => p.VillageCode, prefix).Where(p => p.Status == ProblemStatus.Open && p.Source == ProblemSource.DataCleaning)
                .ToListAsync(ct))
            .GroupBy(p => p.FindingKey).ToDictionary(g => g.Key, g => g.First());
        var keys = new UnitKeys();
        var total = 0;
        await foreach (var household in TargetKeys(query, prefix, ct))
        {
            keys.Add(household.Id, household.IdNumbers, household.Phones);
            total++;
        }
        var pass = new Pass(this, requested with
        {
            Status = DataQualityRunStatus.Running, StartedAt = now, Total = total, HouseholdsChecked = 0, Findings = 0, Opened = 0, ClosedByData = 0,
            FindingsByRule = new Dictionary<string, int>(),
        }, keys, await PolicyLines.Under(query, requested.Org, ct), now, open);
        await Save(pass.Run, ct);

        var batch = new List<HouseholdDetails>(BatchSize);
        await foreach (var household in Targets(query, prefix).OrderBy(h => h.Id).ToAsyncEnumerable(ct))
        {
            batch.Add(household);
            if (batch.Count < BatchSize) continue;
            await lease.EnsureHeld(ct);
            await pass.Check(batch, ct);
            batch.Clear();
        }
        await lease.EnsureHeld(ct);
        if (batch.Count > 0) await pass.Check(batch, ct);
        await pass.Finish(clock.GetUtcNow(), ct);
    }

    /// <summary>One pass over a unit's households: what the run has found, opened and closed so far.</summary>
    private sealed class Pass(DataQualityRunner runner, DataQualityRun run, UnitKeys keys, Func<string, int, PolicyLine?> lines, DateTimeOffset now,
        Dictionary<string, ProblemView> open)
    {
        private readonly RuleSet _rules = QualityRules.Current;
        private readonly Actor _actor = run.RequestedBy!;
        private readonly string _correlation = run.CorrelationId ?? run.Id.ToString("N");
        private readonly ILookup<Guid, ProblemView> _openByHousehold = open.Values.ToLookup(p => p.HouseholdId);
        private readonly HashSet<string> _holding = [];
        private readonly HashSet<string> _closed = [];
        private readonly Dictionary<string, int> _byRule = [];

        public DataQualityRun Run { get; private set; } = run;

        /// <summary>Checks one batch and commits its problems with the run's progress.</summary>
        public async Task Check(IReadOnlyList<HouseholdDetails> batch, CancellationToken ct)
        {
            var findings = _rules.Run(new QualityContext(batch.Select(h => h.State).ToList(), RegistryCalendar.Today(now), Run.CampaignYear, lines, keys));
            await using var session = runner.Session(_correlation, _actor);
            var byId = batch.ToDictionary(h => h.Id);
            // A household is in one batch only, so its findings are new to the run unless a problem is already open for them.
            var seen = new HashSet<string>();
            var fresh = findings.Where(f => !open.ContainsKey(f.Key) && seen.Add(f.Key)).ToList();
            var openings = new ProblemOpenings(session, _actor, _correlation, $"data-quality run, rule set v{_rules.Version}");
            foreach (var finding in fresh)
            {
                var household = byId[finding.HouseholdId];
                openings.Add(RaiseProblemDecision.FromFinding(Guid.CreateVersion7(), finding, household.State, household.Version, _rules, now));
            }
            await openings.Queue(ct);
            // Only the findings that keep an open problem open matter to the closing; the rest are not kept, so memory does not grow with them.
            _holding.UnionWith(findings.Select(f => f.Key).Where(open.ContainsKey));
            await Close(session, batch.SelectMany(h => _openByHousehold[h.Id]), ct);
            foreach (var finding in findings) _byRule[finding.Rule] = _byRule.GetValueOrDefault(finding.Rule) + 1;
            Run = Run with
            {
                HouseholdsChecked = Run.HouseholdsChecked + batch.Count,
                Findings = Run.Findings + findings.Count,
                Opened = Run.Opened + fresh.Count,
                ClosedByData = _closed.Count,
                FindingsByRule = _byRule.OrderBy(r => r.Key).ToDictionary(r => r.Key, r => r.Value),
            };
            session.Store(Run);
            await session.SaveChangesAsync(ct);
        }

        /// <summary>Closes the open findings of households the run no longer checks (moved away or removed): they hold no more.</summary>
        public async Task Finish(DateTimeOffset finishedAt, CancellationToken ct)
        {
            await using var session = runner.Session(_correlation, _actor);
            await Close(session, open.Values, ct);
            Run = Run with
            {
                Status = DataQualityRunStatus.Completed,
                FinishedAt = finishedAt,
                ClosedByData = _closed.Count,
                StillOpen = open.Count - _closed.Count,
            };
            session.Store(Run);
            await session.SaveChangesAsync(ct);
        }

        private Task Close(IDocumentSession session, IEnumerable<ProblemView> candidates, CancellationToken ct) =>
            ProblemStreams.ResolveListed(session,
                candidates.Where(p => !_holding.Contains(p.FindingKey) && _closed.Add(p.FindingKey))
                    .Select(p => (p.Id, p.Version, ResolveProblemDecision.ByData(now))).ToList(),
                _actor, _correlation, ct);
    }

    private IDocumentSession Session(string correlation, Actor actor)
    {
        var session = store.LightweightSession(districts.TenantOfUnit(actor.Org));
        session.CorrelationId = correlation;
        session.LastModifiedBy = actor.UserId;
        return session;
    }

    private async Task<DataQualityRun> Save(DataQualityRun run, CancellationToken ct)
    {
        await using var session = store.LightweightSession(districts.TenantOfUnit(run.Org));
        session.Store(run);
        await session.SaveChangesAsync(ct);
        return run;
    }
}
