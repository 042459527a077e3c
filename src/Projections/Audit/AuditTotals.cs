namespace Registry.Projections.Audit;

/// <summary>
/// Recorded changes per unit they were stamped with, kept by <see cref="AuditProjection"/> in the transaction that writes
/// the entries, so the trail's list never counts a unit's trail; a rebuild counts them in its pass.
/// </summary>
public static class AuditTotals
{
    /// <summary>The name a rebuild's pass counts them under (<see cref="AuditTotalsProjection"/>).</summary>
    public const string Name = "AuditTotals";

    public const string Kind = "change";

    public static readonly UnitTotals Table = new("audit_totals");
}
