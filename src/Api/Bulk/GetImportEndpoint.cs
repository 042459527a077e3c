using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Wolverine.Http;
using Registry.Api.Infrastructure.Contract;

namespace Registry.Api.Bulk;

public sealed record VerdictView(
    int FirstRow,
    IReadOnlyList<int> Rows,
    string? HouseholdKey,
    string? VillageCode,
    string Verdict,
    Guid? HouseholdId,
    IReadOnlyList<RowProblem> Problems);

public sealed record ImportView(
    Guid ImportId,
    string FileName,
    SheetFormat Format,
    ImportStatus Status,
    Actor CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int RowsTotal,
    int RowsProcessed,
    int HouseholdsTotal,
    int Applied,
    int Rejected,
    int AlreadyImported,
    ImportFailure? Failure,
    PageOf<VerdictView> Verdicts);

/// <summary>An import's progress and its verdicts in sheet order, paged; <c>verdict=rejected</c> lists only the problems.</summary>
public static class GetImportEndpoint
{
    public const int MaxPageSize = 5000;

    [WolverineGet("/api/imports/{id}", OperationId = "getImport", Summary = "An import's progress and row verdicts (导入结果)", Description = "An import's status, row counts and the verdict of each row, paged and filterable by verdict. For the roles that may read ID numbers, since verdicts quote the sheet's cells.")]
    [Paged(MaxPageSize, defaultPageSize: 1000)]
    [Param("verdict", ParamShape.Text, "Only the rows with this verdict.", Values = [Verdicts.Applied, Verdicts.Rejected, Verdicts.AlreadyImported], Example = Verdicts.Rejected)]
    [ProducesResponseType<ImportView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, string? verdict, string? page, string? pageSize, HttpContext http, IQuerySession session)
    {
        var actor = Actor.From(http.User);
        // A verdict quotes the sheet's cells, ID numbers among them: imports are for the roles that may read them (every role that imports).
        actor.Require(Permission.ReadIdNumbers);
        var (pageNumber, size) = Paging.Parse(page, pageSize, MaxPageSize, defaultSize: 1000);
        if (verdict is not null && !Verdicts.All.Contains(verdict))
            throw DomainRefusal.Invalid("verdict", "query.enum.unknown", $"'{verdict}' is not one of {string.Join(", ", Verdicts.All)}.");
        var loaded = await session.LoadAsync<ImportRecord>(id, http.RequestAborted);
        // Its uploader too sees it only from inside the unit it was uploaded from: posted elsewhere since, they see it no more.
        var record = actor.Visible(loaded, r => r.CreatedBy.Org, "import.not-found", "No import with this id.");

        var query = session.Query<ImportVerdict>().Where(v => v.ImportId == id);
        if (verdict is not null) query = query.Where(v => v.Verdict == verdict);
        var c = record.Counts;
        // The record counts each verdict in the transaction that writes it.
        var verdicts = await PagedQuery.Page(query, q => q.OrderBy(v => v.FirstRow), pageNumber, size, http.RequestAborted,
            () => Task.FromResult((long)c.Households(verdict)));
        return Results.Ok(new ImportView(record.Id, record.FileName, record.Format, record.Status, record.CreatedBy, record.CreatedAt, record.StartedAt,
            record.FinishedAt, c.RowsTotal, c.RowsProcessed, c.HouseholdsTotal, c.HouseholdsApplied, c.HouseholdsRejected, c.HouseholdsAlreadyImported,
            record.Failure,
            verdicts.Select(v => new VerdictView(v.FirstRow, v.Rows, v.HouseholdKey, v.VillageCode, v.Verdict, v.HouseholdId, v.Problems))));
    }
}
