using System.CommandLine;

namespace LlmSeqRec.Cli.Commands;

/// <summary>The <c>--storage</c> option of the commands that use a storage account (serve, worker, bench): a connection string, else <c>$LLMSEQREC_STORAGE</c>, else Azurite.</summary>
internal static class StorageOption
{
    /// <summary>Environment variable of the storage connection string.</summary>
    public const string Variable = "LLMSEQREC_STORAGE";

    /// <summary>A new <c>--storage</c> option.</summary>
    public static Option<string?> Create() =>
        new("--storage") { Description = $"Storage connection string (default: ${Variable}, else UseDevelopmentStorage=true for Azurite)." };

    /// <summary>The connection string the option, the environment or the Azurite default gives.</summary>
    public static string Resolve(ParseResult result, Option<string?> option) =>
        result.GetValue(option) ?? Environment.GetEnvironmentVariable(Variable) ?? "UseDevelopmentStorage=true";
}
