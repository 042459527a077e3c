using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;
using Registry.Domain.Common;

namespace Registry.Api.Bulk;

/// <summary>One data row: its row number as a spreadsheet shows it and its non-empty cells, trimmed.</summary>
public sealed record SheetRow(int Number, IReadOnlyDictionary<SheetColumn, string> Cells)
{
    public string? this[SheetColumn column] => Cells.GetValueOrDefault(column);
}

/// <summary>A sheet whose header row names every required column; <see cref="Headers"/> holds each column's header as written.</summary>
public sealed record SheetContent(IReadOnlyDictionary<SheetColumn, string> Headers, IEnumerable<SheetRow> Rows)
{
    public string HeaderOf(SheetColumn column) => Headers.GetValueOrDefault(column) ?? SheetColumns.Of(column).Header;
}

public static class SheetReader
{
    /// <summary>The import template has 17 columns; a sheet of hundreds is no register of households.</summary>
    public const int MaxColumns = 64;

    /// <summary>Largest uncompressed part of an .xlsx, so a small upload cannot unpack into gigabytes.</summary>
    public const long MaxXlsxEntryBytes = 200L * 1024 * 1024;

    // GB18030 is not among .NET's built-in encodings.
    static SheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Reads the header row at once and the data rows lazily; an unreadable file or a missing column is a 400.</summary>
    public static SheetContent Open(byte[] content, SheetFormat format)
    {
        var raw = Guarded(RawRows(content, format)).GetEnumerator();
        var headerRow = 0;
        IReadOnlyList<string?> header = [];
        while (raw.MoveNext())
        {
            if (raw.Current.Cells.All(string.IsNullOrWhiteSpace)) continue;
            (headerRow, header) = raw.Current;
            break;
        }
        var columns = MapHeader(header);
        return new SheetContent(columns.ToDictionary(c => c.Value, c => header[c.Key]!.Trim()), DataRows(raw, columns));
    }

    private static Dictionary<int, SheetColumn> MapHeader(IReadOnlyList<string?> header)
    {
        var errors = new Errors();
        var columns = new Dictionary<int, SheetColumn>();
        for (var i = 0; i < header.Count; i++)
        {
            if (SheetColumns.Match(header[i]) is not { } column) continue;
            if (columns.ContainsValue(column))
                errors.Add(SheetColumns.Of(column).Field, "import.columns.duplicate", $"Column {SheetColumns.Of(column).Header} appears twice.");
            else columns[i] = column;
        }
        foreach (var spec in SheetColumns.All.Where(c => c.Required && !columns.ContainsValue(c.Column)))
            errors.Add(spec.Field, "import.columns.missing", $"The sheet has no column {spec.Header} ({spec.Field}).");
        errors.ThrowIfAny();
        return columns;
    }

    private static IEnumerable<SheetRow> DataRows(IEnumerator<(int Number, IReadOnlyList<string?> Cells)> raw, Dictionary<int, SheetColumn> columns)
    {
        using (raw)
            while (raw.MoveNext())
            {
                var (number, cells) = raw.Current;
                var values = new Dictionary<SheetColumn, string>();
                foreach (var (index, column) in columns)
                    if (index < cells.Count && Text.Clean(cells[index]) is { } value) values[column] = value;
                if (values.Count > 0) yield return new SheetRow(number, values);
            }
    }

    private static IEnumerable<(int Number, IReadOnlyList<string?> Cells)> RawRows(byte[] content, SheetFormat format)
    {
        foreach (var row in format == SheetFormat.Xlsx ? XlsxRows(content) : CsvRows(content))
        {
            if (row.Item2.Count > MaxColumns && row.Item2.Skip(MaxColumns).Any(c => !string.IsNullOrWhiteSpace(c)))
                throw DomainRefusal.Invalid("file", "import.columns.too-many", $"A sheet has at most {MaxColumns} columns.");
            yield return row;
        }
    }

    private static IEnumerable<(int, IReadOnlyList<string?>)> XlsxRows(byte[] content)
    {
        CheckXlsxSizes(content);
        var number = 0;
        foreach (IDictionary<string, object?> row in new MemoryStream(content).Query(useHeaderRow: false, excelType: ExcelType.XLSX))
            yield return (++number, row.Values.Select(CellText).ToList());
    }

    private static void CheckXlsxSizes(byte[] content)
    {
        System.IO.Compression.ZipArchive zip;
        try
        {
            zip = new System.IO.Compression.ZipArchive(new MemoryStream(content), System.IO.Compression.ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw DomainRefusal.Invalid("file", "import.file.unreadable", "The file is not a readable .xlsx or .csv spreadsheet.");
        }
        using (zip)
            if (zip.Entries.Any(e => e.Length > MaxXlsxEntryBytes))
                throw DomainRefusal.Invalid("file", "import.file.too-large-unpacked",
                    $"A part of the .xlsx unpacks to more than {MaxXlsxEntryBytes / (1024 * 1024)} MB; save a smaller sheet.");
    }

    private static IEnumerable<(int, IReadOnlyList<string?>)> CsvRows(byte[] content)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            DetectDelimiter = true,
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var reader = new CsvReader(new StreamReader(new MemoryStream(content), EncodingOf(content), detectEncodingFromByteOrderMarks: true), config);
        while (reader.Read())
            yield return (reader.Parser.Row, reader.Parser.Record ?? []);
    }

    /// <summary>UTF-8 when the bytes are valid UTF-8, else GB18030: what Excel saves a Chinese CSV as on a Chinese Windows.</summary>
    private static Encoding EncodingOf(byte[] content)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(content);
            return Encoding.UTF8;
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030");
        }
    }

    private static string? CellText(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => d.ToString("0", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static IEnumerable<T> Guarded<T>(IEnumerable<T> rows)
    {
        using var e = rows.GetEnumerator();
        while (true)
        {
            try
            {
                if (!e.MoveNext()) yield break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException and not DomainRefusal)
            {
                throw DomainRefusal.Invalid("file", "import.file.unreadable", "The file is not a readable .xlsx or .csv spreadsheet.");
            }
            yield return e.Current;
        }
    }
}
