using System.Collections.Concurrent;
using Marten;
using Registry.Api.Households;
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
public sealed class DataQualityRunner(IDocumentStore store, TimeProvider clock, ILogger<DataQualityRunner> logger)
{
    public const int BatchSize = 500;

    private readonly ConcurrentDictionary<Guid, byte> _running = new();

    /// <summary>The households a run checks: the unit's, but removed ones (清退), which are no longer targets.</summary>
    public static IQueryable<HouseholdDetails> Targets(IQuerySession session, string prefix) =>
        session.Query<HouseholdDetails>().InUnit(prefix).Where(h => h.Status != HouseholdStatus.Removed);

    public async Task Run(Guid runId, CancellationToken ct)
    {
        // The request and the start-up recovery may both ask for the same run.
        if (!_running.TryAdd(runId, 0)) return;
        try
        {
            DataQualityRun? run;
            await using (var query = store.QuerySession()) run = await query.LoadAsync<DataQualityRun>(runId, ct);
            if (run is null || run.IsFinished) return;
            try
            {
                await Execute(run, ct);
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

    private async Task Execute(DataQualityRun requested, CancellationToken ct)
    {
        var prefix = OrgCode.SignificantPrefix(requested.Org);
        var actor = requested.RequestedBy!;
        var correlation = requested.CorrelationId ?? requested.Id.ToString("N");
        var rules = QualityRules.Current;
        var now = clock.GetUtcNow();
        var today = RegistryCalendar.Today(now);
        var run = requested with
        {
            Status = DataQualityRunStatus.Running, StartedAt = now, HouseholdsChecked = 0, Findings = 0, Opened = 0, ClosedByData = 0,
            FindingsByRule = new Dictionary<string, int>(),
        };

        await using var query = store.QuerySession();
        var lines = await PolicyLines.Under(query, requested.Org, ct);
        var open = (await query.Query<ProblemView>()
                .Where(p => p.VillageCode.StartsWith(prefix) && p.Status == ProblemStatus.Open && p.Source == ProblemSource.DataCleaning)
                .ToListAsync(ct))
            .GroupBy(p => p.FindingKey).ToDictionary(g => g.Key, g => g.First());
        var keys = new UnitKeys();
        var total = 0;
        await foreach (var household in Targets(query, prefix).ToAsyncEnumerable(ct))
        {
            keys.Add(household.State);
            total++;
        }
        run = await Save(run with { Total = total }, ct);

        var holding = new HashSet<string>();
        var closed = new HashSet<string>();
        var byRule = new Dictionary<string, int>();
        var batch = new List<HouseholdDetails>(BatchSize);
        await foreach (var household in Targets(query, prefix).OrderBy(h => h.Id).ToAsyncEnumerable(ct))
        {
            batch.Add(household);
            if (batch.Count < BatchSize) continue;
            run = await Check(run, batch, keys, lines, today, now, open, holding, closed, byRule, actor, correlation, ct);
            batch.Clear();
        }
        if (batch.Count > 0) run = await Check(run, batch, keys, lines, today, now, open, holding, closed, byRule, actor, correlation, ct);

        // Open findings of households the run no longer checks (moved away or removed) hold no more.
        await using var session = Session(correlation, actor);
        var gone = open.Values.Where(p => !holding.Contains(p.FindingKey) && closed.Add(p.FindingKey)).ToList();
        foreach (var problem in gone) ProblemStreams.Resolve(session, problem, ResolveProblemDecision.ByData(now), actor, correlation);
        session.Store(run with
        {
            Status = DataQualityRunStatus.Completed,
            FinishedAt = clock.GetUtcNow(),
            ClosedByData = closed.Count,
            StillOpen = open.Count - closed.Count,
        });
        await session.SaveChangesAsync(ct);
    }

    private async Task<DataQualityRun> Check(DataQualityRun run, IReadOnlyList<HouseholdDetails> batch, UnitKeys keys, Func<string, int, PolicyLine?> lines,
        DateOnly today, DateTimeOffset now, Dictionary<string, ProblemView> open, HashSet<string> holding, HashSet<string> closed,
        Dictionary<string, int> byRule, Actor actor, string correlation, CancellationToken ct)
    {
        var rules = QualityRules.Current;
        var findings = rules.Run(new QualityContext(batch.Select(h => h.State).ToList(), today, run.CampaignYear, lines, keys));
        await using var session = Session(correlation, actor);
        var byId = batch.ToDictionary(h => h.Id);
        var fresh = findings.Where(f => !open.ContainsKey(f.Key) && holding.Add(f.Key)).ToList();
        foreach (var finding in fresh)
        {
            var household = byId[finding.HouseholdId];
            ProblemStreams.Open(session, RaiseProblemDecision.FromFinding(Guid.CreateVersion7(), finding, household.State, household.Version, rules, now),
                actor, correlation, $"data-quality run, rule set v{rules.Version}");
        }
        holding.UnionWith(findings.Select(f => f.Key));
        var vanished = open.Values.Where(p => byId.ContainsKey(p.HouseholdId) && !holding.Contains(p.FindingKey) && closed.Add(p.FindingKey)).ToList();
        foreach (var problem in vanished) ProblemStreams.Resolve(session, problem, ResolveProblemDecision.ByData(now), actor, correlation);
        foreach (var finding in findings) byRule[finding.Rule] = byRule.GetValueOrDefault(finding.Rule) + 1;
        run = run with
        {
            HouseholdsChecked = run.HouseholdsChecked + batch.Count,
            Findings = run.Findings + findings.Count,
            Opened = run.Opened + fresh.Count,
            ClosedByData = closed.Count,
            FindingsByRule = byRule.OrderBy(r => r.Key).ToDictionary(r => r.Key, r => r.Value),
        };
        session.Store(run);
        await session.SaveChangesAsync(ct);
        return run;
    }

    private IDocumentSession Session(string correlation, Actor actor)
    {
        var session = store.LightweightSession();
        session.CorrelationId = correlation;
        session.LastModifiedBy = actor.UserId;
        return session;
    }

    private async Task<DataQualityRun> Save(DataQualityRun run, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Store(run);
        await session.SaveChangesAsync(ct);
        return run;
    }
}
