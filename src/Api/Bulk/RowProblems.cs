namespace Registry.Api.Bulk;

/// <summary>Collects a household's problems, at most one per cell, each named by row number and the sheet's own header.</summary>
public sealed class RowProblems(SheetContent sheet)
{
    private readonly List<(SheetColumn Column, RowProblem Problem)> _problems = [];

    public bool Any => _problems.Count > 0;

    /// <summary>In sheet order: by row, then by column.</summary>
    public IReadOnlyList<RowProblem> All => _problems.OrderBy(p => p.Problem.Row).ThenBy(p => p.Column).Select(p => p.Problem).ToList();

    public void Add(int row, SheetColumn column, string code, string message)
    {
        if (_problems.Any(p => p.Problem.Row == row && p.Column == column)) return;
        _problems.Add((column, new RowProblem(row, sheet.HeaderOf(column), SheetColumns.Of(column).Field, code, message)));
    }

    public void AddToEach(IEnumerable<SheetRow> rows, SheetColumn column, string code, string message)
    {
        foreach (var row in rows) Add(row.Number, column, code, message);
    }
}
