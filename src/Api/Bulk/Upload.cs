using Microsoft.AspNetCore.Http.Features;
using Registry.Domain.Common;

namespace Registry.Api.Bulk;

public sealed record UploadedSheet(string FileName, SheetFormat Format, byte[] Content);

/// <summary>Reads the one spreadsheet of a multipart upload within the size limit.</summary>
public static class Upload
{
    public const long MaxFileBytes = 20 * 1024 * 1024;

    /// <summary>Room for the multipart boundaries and part headers around the file.</summary>
    private const long Envelope = 64 * 1024;

    public const long MaxRequestBytes = MaxFileBytes + Envelope;

    /// <summary>Refuses a declared length over the limit before reading, and caps a body of undeclared length.</summary>
    public static void Limit(HttpContext http)
    {
        if (http.Request.ContentLength > MaxFileBytes + Envelope) throw TooLarge();
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = MaxFileBytes + Envelope;
    }

    public static async Task<UploadedSheet> ReadSheet(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
            throw DomainRefusal.Invalid("file", "import.file.required", "Send the spreadsheet as multipart/form-data with one file field.");
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxFileBytes + Envelope }, http.RequestAborted);
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw TooLarge();
        }
        catch (Exception e) when (e is InvalidDataException || (e is IOException && !http.RequestAborted.IsCancellationRequested))
        {
            // A body that ends before its closing boundary surfaces as an IOException from the multipart reader.
            throw DomainRefusal.Invalid("file", "request.malformed", "The multipart body is malformed.");
        }
        if (form.Files.Count != 1)
            throw DomainRefusal.Invalid("file", "import.file.required", "Send exactly one file: an .xlsx or .csv spreadsheet.");
        var file = form.Files[0];
        if (file.Length > MaxFileBytes) throw TooLarge();
        var format = SheetFormats.FromFileName(file.FileName)
            ?? throw DomainRefusal.Invalid("file", "import.file.unsupported-type", "The file is an .xlsx or .csv spreadsheet.");
        if (file.Length == 0) throw DomainRefusal.Invalid("file", "import.file.empty", "The file is empty.");
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, http.RequestAborted);
        return new UploadedSheet(Path.GetFileName(file.FileName), format, buffer.ToArray());
    }

    private static BadHttpRequestException TooLarge() =>
        new($"The file is larger than {MaxFileBytes / 1024 / 1024} MB; split it.", StatusCodes.Status413PayloadTooLarge);
}
