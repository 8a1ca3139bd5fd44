namespace LlmSeqRec.Reporting.Tests;

/// <summary>A fact that needs headless Chromium; it is reported as skipped, with the reason, when there is none.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Executable is null)
        {
            Skip = Environment.GetEnvironmentVariable(Chromium.Variable) is { Length: > 0 } configured
                ? $"no browser at {configured} ({Chromium.Variable})"
                : $"chromium not found on PATH (Debian package chromium, installed by .ci/run; or set {Chromium.Variable} to the browser)";
        }
    }
}
