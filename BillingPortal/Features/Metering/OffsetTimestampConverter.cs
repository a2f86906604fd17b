using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingPortal.Features.Metering;

/// <summary>
/// Reads the metering API's timestamps, which must carry their offset (<c>Z</c> or <c>±hh:mm</c>). Without one,
/// System.Text.Json would read the time as the server's local time, so the same body would be charged to a
/// different hour (or day) depending on where the server runs. Refusing is a <see cref="JsonException"/>, which
/// the endpoint turns into a 400 naming the field (<c>events[3].timestamp</c>).
/// </summary>
public sealed class OffsetTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Expected = "ISO 8601 with an offset, e.g. 2026-11-22T10:00:00Z or 2026-11-22T11:00:00+01:00";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"A timestamp is a string: {Expected}.");
        var text = reader.GetString()!;
        if (!reader.TryGetDateTimeOffset(out var value))
            throw new JsonException($"'{text}' is not a timestamp: {Expected}.");
        if (!HasOffset(text))
            throw new JsonException($"'{text}' has no offset, so its instant is ambiguous: {Expected}.");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);

    /// <summary>True when the time part ends in Z or carries +hh:mm / -hh:mm.</summary>
    public static bool HasOffset(string text)
    {
        var time = text.IndexOfAny(['T', 't', ' ']);
        if (time < 0)
            return false;
        return text[^1] is 'Z' or 'z' || text.IndexOfAny(['+', '-'], time) > 0;
    }
}
