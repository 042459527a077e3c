using System.Net;
using System.Net.Http.Json;
using Marten;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Registry.Projections;

namespace Registry.Api.Tests.Hardening;

[Collection(ApiCollection.Name)]
public sealed class UncompressedDocumentsTests(AppFixture app)
{
    /// <summary>
    /// A household of six is past the size at which PostgreSQL would compress its documents by default; both are kept whole
    /// and uncompressed in their rows, so no command compresses or decompresses them.
    /// </summary>
    [Fact]
    public async Task A_large_households_documents_are_stored_uncompressed_in_their_rows()
    {
        var (_, village) = await app.NewVillage();
        var district = app.Client(Role.DistrictOfficer, AppFixture.District);
        var response = await district.PostAsJsonAsync("/api/households", new
        {
            villageCode = village,
            groupName = "一组",
            status = "Poor",
            identifiedYear = 2016,
            registeredOn = "2020-01-01",
            members = new[]
            {
                Sample.Member("王大山", People.IdNumber(male: true), "Head", "13800138000"),
                Sample.Member("李二妹", People.IdNumber(male: false, birthYear: 1972), "Spouse", "13800138001"),
                Sample.Member("王小明", People.IdNumber(male: true, birthYear: 1995), "Son", "13800138002"),
                Sample.Member("王小红", People.IdNumber(male: false, birthYear: 1997), "Daughter", "13800138003"),
                Sample.Member("王小刚", People.IdNumber(male: true, birthYear: 2001), "Son", "13800138004"),
                Sample.Member("王小丽", People.IdNumber(male: false, birthYear: 2004), "Daughter", "13800138005"),
            },
        });
        var id = (await response.ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        await using var query = app.Store.QuerySession();
        foreach (var table in new[] { "mt_doc_householdsnapshot", "mt_doc_householddetails" })
        {
            var stored = (await query.QueryAsync<StoredRow>(
                $"select jsonb_build_object('size', pg_column_size(data), 'compression', pg_column_compression(data)) from {app.Schema}.{table} where id = ?", id)).Single();
            stored.Size.ShouldBeGreaterThan(2100, $"{table}: larger than PostgreSQL's default threshold for compressing");
            stored.Compression.ShouldBeNull($"{table}: kept uncompressed");
        }
    }

    /// <summary>The setting is part of the schema: once applied, a migration finds nothing left to change.</summary>
    [Fact]
    public async Task The_tables_setting_is_applied_with_the_schema_and_found_in_place_afterwards()
    {
        var migration = await app.Store.Storage.Database.CreateMigrationAsync(UncompressedDocuments.Households((StoreOptions)app.Store.Options));
        migration.Difference.ShouldBe(Weasel.Core.SchemaPatchDifference.None);

        await using var query = app.Store.QuerySession();
        var options = await query.QueryAsync<string>(
            $"select array_to_string(reloptions, ',') from pg_class where oid = to_regclass('{app.Schema}.mt_doc_householdsnapshot')");
        options.Single().ShouldContain($"toast_tuple_target={UncompressedDocuments.ToastTupleTarget}");
    }

    public sealed record StoredRow(int Size, string? Compression);
}
