namespace Registry.Projections.Procedures;

/// <summary>Open procedures per village and kind, kept as they start and close, so the work queue never counts a unit's rows.</summary>
public static class ProcedureTotals
{
    public const string Name = "ProcedureTotals";

    public static readonly UnitTotals Table = new("procedure_totals");
}
