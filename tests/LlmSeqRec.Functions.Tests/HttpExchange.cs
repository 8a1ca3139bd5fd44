using System.Text.Json;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace LlmSeqRec.Functions.Tests;

/// <summary>A request as the ASP.NET Core integration hands it to an HTTP trigger, and the response the trigger wrote.</summary>
internal sealed class HttpExchange
{
    private HttpExchange(HttpContext context) => Context = context;

    public HttpContext Context { get; }

    public HttpRequest Request => Context.Request;

    public int Status => Context.Response.StatusCode;

    public string? ContentType => Context.Response.ContentType;

    public string? Location => Context.Response.Headers.Location;

    /// <summary>A request to <c>https://func.example/{path}</c> (path with its query).</summary>
    public static HttpExchange Create(string method, string pathAndQuery, string? body = null)
    {
        var context = new DefaultHttpContext();
        var split = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("func.example");
        context.Request.Path = split < 0 ? pathAndQuery : pathAndQuery[..split];
        context.Request.QueryString = split < 0 ? QueryString.Empty : new QueryString(pathAndQuery[split..]);
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body ?? ""));
        context.Response.Body = new MemoryStream();
        return new HttpExchange(context);
    }

    public string Text() => Encoding.UTF8.GetString(((MemoryStream)Context.Response.Body).ToArray());

    public JsonElement Json() => JsonDocument.Parse(Text()).RootElement;
}
