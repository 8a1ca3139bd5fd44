using System.Text.RegularExpressions;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.GpuWorker.Tests;

/// <summary>
/// The test emulator's account with a wrong key: a valid connection string that the emulator refuses (403), so the
/// worker's job loop really fails on its first storage call, without retries and without a mock.
/// </summary>
internal static partial class WrongKeyStorage
{
    private static readonly string WrongKey = Convert.ToBase64String(new byte[64]);

    public static string ConnectionString =>
        Azurite.ConnectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)
            ? $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={WrongKey};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1"
            : AccountKey().Replace(Azurite.ConnectionString, $"AccountKey={WrongKey}");

    [GeneratedRegex("AccountKey=[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex AccountKey();
}
