namespace LlmSeqRec.Functions;

/// <summary>
/// The app settings of the Functions app (environment variables in Azure, <c>Values</c> of local.settings.json
/// locally). functions/README.md describes each one.
/// </summary>
public static class AppSettings
{
    /// <summary>
    /// The storage account of the artifacts, the jobs queue and the completions queue: a connection string, or
    /// (managed identity) <c>ArtifactStorage__blobServiceUri</c> and <c>ArtifactStorage__queueServiceUri</c>, with
    /// <c>ArtifactStorage__clientId</c> for a user-assigned identity. Also the queue trigger's connection name.
    /// </summary>
    public const string ArtifactStorage = "ArtifactStorage";

    /// <summary>The blob container of the artifact store (default <c>llmseqrec</c>).</summary>
    public const string ArtifactContainer = "ArtifactContainer";

    /// <summary>The queue of GPU-worker jobs (default <c>llmseqrec-jobs</c>).</summary>
    public const string JobsQueue = "JobsQueue";

    /// <summary>The queue workers post completions to, read by the queue trigger (<c>llmseqrec-completions</c>).</summary>
    public const string CompletionsQueue = "CompletionsQueue";

    /// <summary>The NCRONTAB schedule of the retraining timer (six fields, UTC unless WEBSITE_TIME_ZONE is set).</summary>
    public const string RetrainSchedule = "RetrainSchedule";

    /// <summary>The pipeline spec (JSON) a scheduled retraining runs.</summary>
    public const string RetrainSpec = "RetrainSpec";

    /// <summary>The Durable Task hub name (host.json reads it as <c>%TaskHubName%</c>).</summary>
    public const string TaskHubName = "TaskHubName";
}
