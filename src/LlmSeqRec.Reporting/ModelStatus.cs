namespace LlmSeqRec.Reporting;

/// <summary>The values of <see cref="ModelReport.Status"/>.</summary>
public static class ModelStatus
{
    /// <summary>Ran and was scored.</summary>
    public const string Completed = "completed";

    /// <summary>Was tried and failed; <see cref="ModelReport.Error"/> says why.</summary>
    public const string Failed = "failed";

    /// <summary>Could not be run in this run; <see cref="ModelReport.Error"/> says why.</summary>
    public const string NotAvailable = "not available";
}
