using System.Net;
using System.Net.Sockets;

namespace LlmSeqRec.DurableHost;

/// <summary>
/// Starts a server on a loopback port that the system reports free, and on another one when something took that
/// port between the probe and the bind. The in-memory engine's own default, a random port in 30000-40000, lies in
/// Linux's ephemeral range, where any outgoing connection of the machine may hold it: a run then failed to start with
/// "address already in use".
/// </summary>
public static class LoopbackPort
{
    /// <summary>How many ports <see cref="StartAsync{T}"/> tries before it gives up.</summary>
    public const int DefaultAttempts = 5;

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on now (the system picks it).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// Calls <paramref name="start"/> with a port from <paramref name="pick"/> (default <see cref="Free"/>) and again
    /// with a new one while it fails because the port is in use, at most <paramref name="attempts"/> times; any other
    /// failure, and the last one, propagates. <paramref name="start"/> releases what it made when it fails.
    /// </summary>
    public static async Task<T> StartAsync<T>(
        Func<int, CancellationToken, Task<T>> start,
        int attempts = DefaultAttempts,
        Func<int>? pick = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        pick ??= Free;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start(pick(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < attempts && IsAddressInUse(e))
            {
            }
        }
    }

    /// <summary>Whether <paramref name="error"/> or an exception inside it is a bind to a port already in use.</summary>
    public static bool IsAddressInUse(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
                return true;
        }

        return false;
    }
}
