namespace Registry.Projections.Monitoring;

/// <summary>Monitored households per village and monitoring kind, kept as households are identified, so the view never counts its rows.</summary>
public static class MonitoringTotals
{
    public const string Name = "MonitoringTotals";

    public static readonly UnitTotals Table = new("monitoring_totals");
}
