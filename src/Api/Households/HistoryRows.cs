using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using Marten;
using Npgsql;
using Registry.Domain.Households;
using Registry.Projections;
using Registry.Projections.Households;

namespace Registry.Api.Households;

/// <summary>
/// A household's document and its stream's rows in one round trip, only the columns a history shows, each row written as
/// a history entry straight from its stored JSON: no event is turned into its .NET type and back.
/// </summary>
public static class HistoryRows
{
    private static readonly JsonEncodedText Sequence = Name(nameof(HistoryEntry.Sequence));
    private static readonly JsonEncodedText Version = Name(nameof(HistoryEntry.Version));
    private static readonly JsonEncodedText Type = Name(nameof(HistoryEntry.Type));
    private static readonly JsonEncodedText RecordedAt = Name(nameof(HistoryEntry.RecordedAt));
    private static readonly JsonEncodedText EffectiveOn = Name(nameof(HistoryEntry.EffectiveOn));
    private static readonly JsonEncodedText Data = Name(nameof(HistoryEntry.Data));
    private static readonly JsonEncodedText Actor = Name(nameof(HistoryEntry.Actor));
    private static readonly JsonEncodedText Reason = Name(nameof(HistoryEntry.Reason));
    private static readonly JsonEncodedText CorrelationId = Name(nameof(HistoryEntry.CorrelationId));
    private static readonly JsonEncodedText Hash = Name(nameof(HistoryEntry.Hash));
    private static readonly JsonEncodedText[] ActorFields =
        [Name(nameof(ActorView.UserId)), Name(nameof(ActorView.Name)), Name(nameof(ActorView.Role)), Name(nameof(ActorView.Org))];

    private const int DatesABirthColumn = 13;
    private const int RowHashColumn = 14;

    private static readonly ConcurrentDictionary<string, Statements> BySchema = new();

    private sealed record Statements(string Household, string Window, string After, string Fingerprint);

    private static Statements StatementsOf(IQuerySession session) =>
        BySchema.GetOrAdd(session.DocumentStore.Options.Events.DatabaseSchemaName, _ => StatementsFor(session));

    /// <summary>Starts the read of a page: the household's document is the first result, the page's rows (oldest first) the second.</summary>
    public static Task<NpgsqlDataReader> Read(IQuerySession session, NpgsqlConnection connection, Guid id, (long AfterVersion, int Limit) page,
        CancellationToken ct)
    {
        var sql = StatementsOf(session);
        // One row more than a page tells whether a next page exists without counting the stream.
        return Run(connection, ct, (sql.Household, [id]), (sql.Window, [id, page.AfterVersion, page.AfterVersion + page.Limit + 1]));
    }

    /// <summary>
    /// Starts the read of a history known up to a version: the household's document is the first result, the fingerprint of
    /// the rows up to that version the second (one row: count, hash), the rows after it (oldest first) the third.
    /// </summary>
    public static Task<NpgsqlDataReader> ReadAfter(IQuerySession session, NpgsqlConnection connection, Guid id, long version, CancellationToken ct)
    {
        var sql = StatementsOf(session);
        return Run(connection, ct, (sql.Household, [id]), (sql.Fingerprint, [id, version]), (sql.After, [id, version]));
    }

    private static async Task<NpgsqlDataReader> Run(NpgsqlConnection connection, CancellationToken ct, params (string Sql, object[] Values)[] statements)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var (sql, values) in statements)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
            batch.BatchCommands.Add(command);
        }
        await batch.PrepareAsync(ct);
        return await batch.ExecuteReaderAsync(ct);
    }

    /// <summary>The fingerprint result's one row.</summary>
    public static async Task<RowsFingerprint> ReadFingerprint(DbDataReader result, CancellationToken ct) =>
        await result.ReadAsync(ct) ? new(result.GetInt64(0), result.GetInt64(1)) : throw new InvalidOperationException("A count answers one row.");

    /// <summary>The current row's part of its stream's <see cref="RowsFingerprint"/>.</summary>
    public static long RowHash(DbDataReader row) => row.GetInt64(RowHashColumn);

    /// <summary>The current row as a history entry.</summary>
    /// <returns>The entry's version.</returns>
    public static long WriteEntry(Utf8JsonWriter writer, DbDataReader row, bool unmasked, ISet<string> shownIdNumbers)
    {
        var version = row.GetInt64(1);
        writer.WriteStartObject();
        writer.WriteNumber(Sequence, row.GetInt64(0));
        writer.WriteNumber(Version, version);
        writer.WriteString(Type, row.GetString(2));
        writer.WriteString(RecordedAt, row.GetFieldValue<DateTimeOffset>(3).UtcDateTime);
        // A newborn joins on the day it is born: that date is a birth date, hidden or logged as one.
        var datesABirth = row.GetBoolean(DatesABirthColumn) && !row.IsDBNull(4);
        if (datesABirth && !unmasked) writer.WriteNull(EffectiveOn);
        else Text(writer, EffectiveOn, row, 4);
        if (datesABirth && unmasked) shownIdNumbers.Add(HistoryData.BirthDateShown);
        writer.WritePropertyName(Data);
        HistoryData.Write(writer, row.GetFieldValue<byte[]>(5), unmasked, shownIdNumbers,
            datesABirth && !unmasked ? EffectiveDateProperty : null);
        writer.WriteStartObject(Actor);
        for (var i = 0; i < ActorFields.Length; i++) Text(writer, ActorFields[i], row, 6 + i);
        writer.WriteEndObject();
        Text(writer, Reason, row, 10);
        Text(writer, CorrelationId, row, 11);
        // A hash over the unmasked data would let a reader try the masked digits against it, and each entry's hash chains
        // the one before: a masked view shows none.
        if (unmasked) Text(writer, Hash, row, 12);
        else writer.WriteNull(Hash);
        writer.WriteEndObject();
        return version;
    }

    private static void Text(Utf8JsonWriter writer, JsonEncodedText name, DbDataReader row, int column)
    {
        if (row.IsDBNull(column)) writer.WriteNull(name);
        else writer.WriteString(name, row.GetString(column));
    }

    private static Statements StatementsFor(IQuerySession session)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        var table = session.DocumentStore.Options.Schema.For<HouseholdDetails>();
        // The stored property that holds each event type's effective date, chosen in the query so the row carries the date.
        var effective = string.Join(" ", EventTypes.Names
            .Select(t => (Name: t.Value, Property: EventFacts.EffectiveOnProperty(t.Key)))
            .Where(t => t.Property is not null)
            .Select(t => $"when {Literal(t.Name)} then data->>{Literal(JsonNamingPolicy.CamelCase.ConvertName(t.Property!))}"));
        string Header(string name) => $"headers->>{Literal(name)}";
        var datesABirth = $"coalesce(type = {Literal(EventTypes.Names[typeof(MemberJoined)])} and data->>{Literal(Camel(nameof(MemberJoined.Reason)))} = {Literal(nameof(IncreaseReason.Birth))}, false)";
        // The row's version in the table with its place in the log and the stream and its chain link: see RowsFingerprint.
        var rowHash = $"hashtextextended(xmin::text || ':' || seq_id || ':' || version || ':' || coalesce({Header(EventMetadata.Hash)}, ''), 0)";
        string Select(string extra) => $"""
            select seq_id, version, type, "timestamp", case type {effective} end, data,
              {Header(EventMetadata.UserId)}, {Header(EventMetadata.UserName)}, {Header(EventMetadata.Role)}, {Header(EventMetadata.Org)},
              {Header(EventMetadata.Reason)}, correlation_id, {Header(EventMetadata.Hash)}, {datesABirth}{extra}
            from {schema}.mt_events where stream_id = $1
            """;
        return new($"select data from {table} where id = $1",
            $"{Select("")} and version > $2 and version <= $3 order by seq_id",
            $"{Select($", {rowHash}")} and version > $2 order by seq_id",
            $"select count(*), coalesce(bit_xor({rowHash}), 0) from {schema}.mt_events where stream_id = $1 and version <= $2");
    }

    private static string Literal(string text) => $"'{text.Replace("'", "''")}'";

    private static string Camel(string property) => JsonNamingPolicy.CamelCase.ConvertName(property);

    /// <summary>The stored property of a birth's date in <see cref="MemberJoined"/>.</summary>
    private static readonly string EffectiveDateProperty = Camel(nameof(MemberJoined.EffectiveDate));

    private static JsonEncodedText Name(string property) => JsonEncodedText.Encode(JsonNamingPolicy.CamelCase.ConvertName(property));
}

/// <summary>
/// How many rows, and the exclusive or of a 64-bit hash of each row's version in the table (<c>xmin</c>, the transaction
/// that wrote it) with its sequence number, version and chain link. A write to a row makes a new row version under another
/// transaction, so a row rewritten, or removed and another put in its place, changes it. It tells a node whether rows it
/// read before are still those rows, for answering from what it kept; it is not a tamper check (a forger who controls
/// transaction ids could match it): verification is (README, "Verifiable history").
/// </summary>
public readonly record struct RowsFingerprint(long Count, long Hash)
{
    public RowsFingerprint With(long rowHash) => new(Count + 1, Hash ^ rowHash);
}
