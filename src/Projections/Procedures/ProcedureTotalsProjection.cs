using JasperFx.Events;
using Marten;
using Registry.Domain.Procedures;

namespace Registry.Projections.Procedures;

/// <summary>
/// Asynchronous like the queue it counts (<see cref="ProcedureWorkProjection"/>): a procedure counts in the village its start was
/// stamped with, from its start to its close.
/// </summary>
public sealed class ProcedureTotalsProjection() : UnitCountsProjection(ProcedureTotals.Name, ProcedureTotals.Table, typeof(ProcedureStarted), typeof(ProcedureClosed))
{
    protected override Task<IEnumerable<KeyValuePair<(string Village, string Kind), long>>> Differences(IDocumentOperations operations,
        IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var differences = new Dictionary<(string Village, string Kind), long>();
        foreach (var e in events)
        {
            var village = EventMetadata.Header(e, EventMetadata.Unit) ?? "";
            if (e.Data is ProcedureStarted started) Add(differences, village, started.Kind.ToString(), 1);
            else if (e.Data is ProcedureClosed closed) Add(differences, village, closed.Kind.ToString(), -1);
        }
        return Task.FromResult<IEnumerable<KeyValuePair<(string Village, string Kind), long>>>(differences);
    }
}
