using System.Text.Json;

namespace LlmSeqRec.Models;

/// <summary>
/// What the caller chose for a model; null means the model's own default.
/// The model's configuration record is built from its defaults, then the named <paramref name="Preset"/>, then the
/// fields of <paramref name="Config"/> (see <see cref="ModelConfiguration"/>).
/// </summary>
/// <param name="FilterPromptItems">Leave out items already in the prompt.</param>
/// <param name="Preset">A named configuration of the model (e.g. "p1", "p2": the papers' settings).</param>
/// <param name="Config">A JSON object overriding individual fields of the configuration.</param>
/// <param name="Seed">Seed for models with randomness.</param>
public sealed record ModelSettings(bool? FilterPromptItems = null, string? Preset = null, JsonElement? Config = null, int? Seed = null);
