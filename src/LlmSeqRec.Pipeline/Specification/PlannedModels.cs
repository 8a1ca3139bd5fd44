namespace LlmSeqRec.Pipeline.Specification;

/// <summary>
/// Methods of the papers that a spec may name but this version cannot run yet. The run keeps going and reports
/// each as "not available" with the reason, never with a made-up score.
/// </summary>
public static class PlannedModels
{
    private static readonly Dictionary<string, string> Reasons = new(StringComparer.OrdinalIgnoreCase)
    {
        ["llmseqprompt"] = "LLMSeqPrompt (a fine-tuned LLM that generates or ranks the next items) is not available in this version",
    };

    /// <summary>The names of the planned methods.</summary>
    public static IReadOnlyCollection<string> Names => Reasons.Keys;

    /// <summary>Why <paramref name="name"/> cannot run, or null when it is not a planned method.</summary>
    public static string? ReasonFor(string name) => Reasons.GetValueOrDefault(name);
}
