using System.Net;
using System.Net.Sockets;

namespace BillingPortal.Security;

/// <summary>
/// The client a limit is counted against: the connection's address. IPv6 counts per /64, since one home or server
/// holds a whole /64 and could otherwise step through fresh addresses. Behind a reverse proxy this is the proxy,
/// unless the app is told to trust its forwarded headers (docs/operations.md, "Rate limits").
/// </summary>
public static class ClientAddress
{
    /// <summary>Clients without an address (in-process test hosts) share this one partition.</summary>
    public const string Unknown = "unknown";

    public static string Of(HttpContext context) => Describe(context.Connection.RemoteIpAddress);

    public static string Describe(IPAddress? address)
    {
        if (address is null)
            return Unknown;
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
