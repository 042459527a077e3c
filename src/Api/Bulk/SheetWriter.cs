using System.Globalization;
using System.Text;
using CsvHelper;
using MiniExcelLibs;

namespace Registry.Api.Bulk;

public sealed record SheetData(string Name, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<string?>> Rows);

/// <summary>Writes every cell as text, so ID numbers keep all 18 characters and dates stay ISO dates.</summary>
public static class SheetWriter
{
    /// <summary>An .xlsx with every sheet given, or a UTF-8 CSV (with a byte order mark, which Excel needs for Chinese) of the first.</summary>
    public static byte[] Write(SheetFormat format, params SheetData[] sheets)
    {
        using var buffer = new MemoryStream();
        WriteTo(buffer, format, sheets);
        return buffer.ToArray();
    }

    /// <summary>The same, written to a stream as the rows are enumerated: no sheet is held in memory whole.</summary>
    public static void WriteTo(Stream output, SheetFormat format, params SheetData[] sheets)
    {
        if (format == SheetFormat.Xlsx) output.SaveAs(sheets.ToDictionary(s => s.Name, s => (object)Rows(s)), printHeader: false);
        else Csv(output, sheets[0]);
    }

    private static IEnumerable<Dictionary<string, object?>> Rows(SheetData sheet)
    {
        yield return Row(sheet.Headers);
        foreach (var row in sheet.Rows) yield return Row(row);
    }

    private static Dictionary<string, object?> Row(IReadOnlyList<string?> cells)
    {
        var row = new Dictionary<string, object?>(cells.Count);
        for (var i = 0; i < cells.Count; i++) row[$"c{i:D2}"] = cells[i];
        return row;
    }

    private static void Csv(Stream output, SheetData sheet)
    {
        using (var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var header in sheet.Headers) csv.WriteField(header);
            csv.NextRecord();
            foreach (var row in sheet.Rows)
            {
                foreach (var cell in row) csv.WriteField(Defused(cell));
                csv.NextRecord();
            }
        }
    }

    /// <summary>A cell that a spreadsheet would run as a formula (=, +, -, @) is written as text instead.</summary>
    private static string? Defused(string? cell) =>
        cell is { Length: > 0 } && cell[0] is '=' or '+' or '@' or '-' && !decimal.TryParse(cell, CultureInfo.InvariantCulture, out _) ? "'" + cell : cell;
}
