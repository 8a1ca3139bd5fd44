using System.Net.Sockets;

namespace LlmSeqRec.TestSupport;

/// <summary>
/// The Azurite storage emulator the integration tests use (blob 10000, queue 10001, table 10002 on 127.0.0.1,
/// the development-storage account). CI starts it (<c>.ci/run</c>); locally start it with
/// <c>npx azurite --inMemoryPersistence</c>, or set <see cref="ConnectionStringVariable"/> to another emulator.
/// </summary>
public static class Azurite
{
    /// <summary>Environment variable with a storage connection string to use instead of the default emulator.</summary>
    public const string ConnectionStringVariable = "LLMSEQREC_TEST_STORAGE";

    /// <summary>When set to 1, a missing emulator fails the tests instead of skipping them (CI sets it).</summary>
    public const string RequireVariable = "LLMSEQREC_REQUIRE_AZURITE";

    /// <summary>The connection string of the emulator.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";

    /// <summary>Whether the emulator answers on the blob and queue ports (always true with a custom connection string).</summary>
    public static bool IsRunning { get; } = Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } || (Listening(10000) && Listening(10001));

    /// <summary>Whether tests must fail rather than skip without the emulator.</summary>
    public static bool IsRequired => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Why an Azurite test is skipped: the emulator is absent and not required; null when it runs.</summary>
    public static string? SkipReason => IsRunning || IsRequired
        ? null
        : $"Azurite is not running on 127.0.0.1:10000-10001 (start it with `npx azurite --inMemoryPersistence`, or set {ConnectionStringVariable})";

    /// <summary>A name unique to one test (containers, queues, task hubs): lower-case letters and digits.</summary>
    public static string UniqueName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 32, 63)];

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromSeconds(1)) && client.Connected;
        }
        catch (Exception e) when (e is SocketException or AggregateException)
        {
            return false;
        }
    }
}

/// <summary>
/// A fact that needs Azurite: skipped with the reason when it is not running, unless
/// <see cref="Azurite.RequireVariable"/> is 1 (then the test runs and fails on the missing emulator).
/// </summary>
public sealed class AzuriteFactAttribute : FactAttribute
{
    /// <summary>Skips when Azurite is absent and not required.</summary>
    public AzuriteFactAttribute()
    {
        Skip = Azurite.SkipReason;
    }
}
