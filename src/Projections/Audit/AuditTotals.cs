namespace Registry.Projections.Audit;

/// <summary>Recorded changes per unit they were stamped with, kept beside the audit trail, so its list never counts a unit's trail.</summary>
public static class AuditTotals
{
    public const string Name = "AuditTotals";

    public const string Kind = "change";

    public static readonly UnitTotals Table = new("audit_totals");
}
