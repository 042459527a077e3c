using Registry.Domain.Common;

namespace Registry.Api.Bulk;

public enum SheetFormat
{
    [System.ComponentModel.Description("Excel 工作簿（xlsx）")] Xlsx,
    [System.ComponentModel.Description("逗号分隔文本（csv）")] Csv,
}

public static class SheetFormats
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>The <c>format</c> query parameter; xlsx when absent.</summary>
    public static SheetFormat FromQuery(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "xlsx" => SheetFormat.Xlsx,
        "csv" => SheetFormat.Csv,
        _ => throw DomainRefusal.Invalid("format", "query.format.unknown", "format is xlsx or csv."),
    };

    /// <summary>The <c>format</c> of a report: null (JSON) when absent or <c>json</c>, else a sheet.</summary>
    public static SheetFormat? FromReportQuery(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "json" => null,
        "xlsx" => SheetFormat.Xlsx,
        "csv" => SheetFormat.Csv,
        _ => throw DomainRefusal.Invalid("format", "query.format.unknown", "format is json, csv or xlsx."),
    };

    /// <summary>A finished sheet as the answer, named for download.</summary>
    public static IResult File(SheetFormat format, string name, params SheetData[] sheets) =>
        Results.File(SheetWriter.Write(format, sheets), ContentType(format), $"{name}.{Extension(format)}");

    public static SheetFormat? FromFileName(string? fileName) => Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
    {
        ".xlsx" => SheetFormat.Xlsx,
        ".csv" => SheetFormat.Csv,
        _ => null,
    };

    public static string ContentType(SheetFormat format) => format == SheetFormat.Xlsx ? XlsxContentType : CsvContentType;

    public static string Extension(SheetFormat format) => format == SheetFormat.Xlsx ? "xlsx" : "csv";
}
