namespace Registry.Api.Bulk;

/// <summary>Collects a household's problems, at most one per cell, each named by row number and the sheet's own header.</summary>
public sealed class RowProblems(SheetContent sheet)
{
    private readonly List<RowProblem> _problems = [];

    public bool Any => _problems.Count > 0;

    public IReadOnlyList<RowProblem> All => _problems.OrderBy(p => p.Row).ThenBy(p => SheetColumns.All.ToList().FindIndex(c => c.Field == p.Field)).ToList();

    public void Add(int row, SheetColumn column, string code, string message)
    {
        var field = SheetColumns.Of(column).Field;
        if (_problems.Any(p => p.Row == row && p.Field == field)) return;
        _problems.Add(new RowProblem(row, sheet.HeaderOf(column), field, code, message));
    }

    public void AddToEach(IEnumerable<SheetRow> rows, SheetColumn column, string code, string message)
    {
        foreach (var row in rows) Add(row.Number, column, code, message);
    }

    public bool Has(int row, SheetColumn column) => _problems.Any(p => p.Row == row && p.Field == SheetColumns.Of(column).Field);
}
