using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Registry.Projections.Campaigns;

/// <summary>
/// What campaign progress counts, kept as counts: per household, its marks (that it is on a village's books, and the first
/// date each year's campaign counts it as visited, its income as assessed, or it as identified for monitoring), and per
/// village how many households were marked on each date. Progress on a day is then the sum of a unit's counts up to that
/// day: a few rows per village and date instead of a row per household.
/// </summary>
public static class CampaignCounts
{
    public const string Name = "CampaignCounts";

    public const string Marks = "campaign_marks";

    public const string Totals = "campaign_totals";

    /// <summary>What a mark says of a household; a count per village and date is kept of each but the last.</summary>
    public static class Measure
    {
        /// <summary>On its village's books (year 0); a removed household leaves every count and keeps only <see cref="Removed"/>.</summary>
        public const string Household = "household";

        public const string Visited = "visited";

        /// <summary>Counted for the year assessed, whatever the day asked about.</summary>
        public const string IncomeAssessed = "income";

        public const string MonitoringIdentified = "monitored";

        public const string Removed = "removed";
    }

    public static void Configure(StoreOptions opts, string schema)
    {
        var marks = new Table(new PostgresqlObjectName(schema, Marks, SchemaUtils.IdentifierUsage.General));
        marks.AddColumn("household_id", "uuid").AsPrimaryKey();
        marks.AddColumn("measure", "varchar").AsPrimaryKey();
        marks.AddColumn("year", "integer").AsPrimaryKey();
        marks.AddColumn("on_date", "date").NotNull();
        marks.AddColumn("village_code", "varchar").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(marks);

        var totals = new Table(new PostgresqlObjectName(schema, Totals, SchemaUtils.IdentifierUsage.General));
        totals.AddColumn("village_code", "varchar").AsPrimaryKey();
        totals.AddColumn("measure", "varchar").AsPrimaryKey();
        totals.AddColumn("year", "integer").AsPrimaryKey();
        totals.AddColumn("on_date", "date").AsPrimaryKey();
        totals.AddColumn("n", "bigint").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(totals);
    }

    public static string[] Tables(string schema) => [$"{schema}.{Marks}", $"{schema}.{Totals}"];

    private sealed record MeasureCount(string VillageCode, string Measure, long N);

    public sealed record VillageCounts(string VillageCode, long Households, long Visited, long IncomeAssessed, long MonitoringIdentified);

    /// <summary>Each village of a unit's range with counts, as they stood on the day given, for the campaign of the year given.</summary>
    public static async Task<IReadOnlyList<VillageCounts>> Of(IQuerySession session, string fromCode, string toCode, int year, DateOnly on,
        CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        var rows = await session.QueryAsync<MeasureCount>($"""
            select json_build_object('villageCode', village_code, 'measure', measure, 'n', sum(n)) from {schema}.{Totals}
            where village_code between ? and ? and (measure = '{Measure.Household}' or year = ? and (measure = '{Measure.IncomeAssessed}' or on_date <= ?))
            group by village_code, measure
            """, ct, fromCode, toCode, year, on);
        return rows.GroupBy(r => r.VillageCode).Select(village =>
        {
            var n = village.ToDictionary(r => r.Measure, r => r.N);
            return new VillageCounts(village.Key, n.GetValueOrDefault(Measure.Household), n.GetValueOrDefault(Measure.Visited),
                n.GetValueOrDefault(Measure.IncomeAssessed), n.GetValueOrDefault(Measure.MonitoringIdentified));
        }).ToList();
    }
}
