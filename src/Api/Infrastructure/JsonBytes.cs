namespace Registry.Api.Infrastructure;

/// <summary>A JSON answer already made, such as one a cache holds.</summary>
public sealed class JsonBytes(ReadOnlyMemory<byte> json) : IResult
{
    public Task ExecuteAsync(HttpContext http) => Send(http, json);

    public static async Task Send(HttpContext http, ReadOnlyMemory<byte> json)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = json.Length;
        await http.Response.Body.WriteAsync(json, http.RequestAborted);
    }
}
