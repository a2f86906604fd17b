using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BillingPortal.Cli.Config;

namespace BillingPortal.Cli.Api;

/// <summary>
/// The billing API over one <see cref="HttpClient"/>, with the token as bearer. Any refusal becomes an
/// <see cref="ApiException"/> carrying the problem's own words; a server that cannot be reached is a failure too.
/// </summary>
public sealed class ApiClient(HttpClient http, Connection connection)
{
    public Uri BaseUrl => connection.BaseUrl;

    public Task<T> GetAsync<T>(string pathAndQuery, CancellationToken ct) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, Address(pathAndQuery)), ct);

    /// <summary>POSTs <paramref name="body"/> as JSON; <paramref name="idempotencyKey"/> makes a retry find the same result.</summary>
    public Task<T> PostAsync<T>(string path, object? body, CancellationToken ct, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Address(path)) { Content = body is null ? null : JsonContent.Create(body, options: Json.Options) };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return SendAsync<T>(request, ct);
    }

    public Task<T> PutAsync<T>(string path, object body, CancellationToken ct) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Put, Address(path)) { Content = JsonContent.Create(body, options: Json.Options) }, ct);

    /// <summary>A DELETE answered 204: there is no body to read.</summary>
    public Task DeleteAsync(string path, CancellationToken ct) =>
        SendAsync<object?>(new HttpRequestMessage(HttpMethod.Delete, Address(path)), ct, expectBody: false);

    public Uri Address(string pathAndQuery) => new(connection.BaseUrl, pathAndQuery.TrimStart('/'));

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken ct, bool expectBody = true)
    {
        using (request)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connection.Token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, ct);
            }
            catch (HttpRequestException e)
            {
                throw new CliException($"Could not reach {connection.BaseUrl}: {e.Message}");
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new CliException($"{connection.BaseUrl} did not answer in time.");
            }
            using (response)
            {
                if (!response.IsSuccessStatusCode)
                    throw await ApiException.FromAsync(response, ct);
                if (!expectBody)
                    return default!;
                return await response.Content.ReadFromJsonAsync<T>(Json.Options, ct)
                    ?? throw new CliException($"{request.RequestUri} answered an empty body.");
            }
        }
    }
}
