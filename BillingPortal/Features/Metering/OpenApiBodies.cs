using Microsoft.OpenApi;

namespace BillingPortal.Features.Metering;

internal static class OpenApiBodies
{
    /// <summary>
    /// Documents a JSON body that the handler reads itself. Unlike <c>Accepts&lt;T&gt;</c> this adds no
    /// content-type matching, so a wrong body still reaches the handler and gets its 400 problem naming the field.
    /// </summary>
    public static RouteHandlerBuilder DescribesJsonBody<T>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, ct);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        });
}
