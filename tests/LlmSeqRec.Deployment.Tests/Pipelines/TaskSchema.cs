namespace LlmSeqRec.Deployment.Tests.Pipelines;

/// <summary>One input of a task: its name, aliases, whether YAML must give it, and its allowed values (pick lists).</summary>
/// <param name="Name">The input's name in task.json.</param>
/// <param name="Aliases">Other names YAML may use for it.</param>
/// <param name="Required">Required with no default, so a step must set it (or, with <paramref name="RequiredWhen"/>, only then).</param>
/// <param name="Values">The allowed values of a pick list; null for free text.</param>
/// <param name="RequiredWhen">"input=value": required only when that other input has that value.</param>
public sealed record TaskInput(string Name, string[] Aliases, bool Required = false, string[]? Values = null, string? RequiredWhen = null)
{
    /// <summary>Every name YAML may use for this input.</summary>
    public IEnumerable<string> Names => [Name, .. Aliases];
}

/// <summary>
/// The Azure Pipelines tasks the pipelines of <c>pipelines/</c> may use, with their inputs as the tasks' task.json
/// files (microsoft/azure-pipelines-tasks) and the task reference pages on learn.microsoft.com define them for the
/// major version named. Inputs with a default are not required here even when task.json marks them required,
/// because YAML may leave them out. Only the tasks used are listed: a new task has to be added here, checked against
/// its reference, before a pipeline can use it.
/// </summary>
public static class TaskSchema
{
    private static TaskInput In(string name, params string[] aliases) => new(name, aliases);

    private static TaskInput Req(string name, params string[] aliases) => new(name, aliases, Required: true);

    /// <summary>Tasks by "Name@major".</summary>
    public static IReadOnlyDictionary<string, TaskInput[]> Tasks { get; } = new Dictionary<string, TaskInput[]>(StringComparer.Ordinal)
    {
        ["UseDotNet@2"] =
        [
            In("packageType") with { Values = ["runtime", "sdk"] }, In("useGlobalJson"), In("workingDirectory"), In("version"),
            In("vsVersion"), In("includePreviewVersions"), In("installationPath"), In("performMultiLevelLookup"), In("requestTimeout"),
            In("checkForExistingVersion"),
        ],
        ["PublishTestResults@2"] =
        [
            In("testResultsFormat", "testRunner") with { Values = ["JUnit", "NUnit", "VSTest", "XUnit", "CTest"] },
            In("testResultsFiles"), In("searchFolder"), In("mergeTestResults"), In("failTaskOnFailedTests"),
            In("failTaskOnFailureToPublishResults"), In("failTaskOnMissingResultsFile"), In("testRunTitle"),
            In("buildPlatform", "platform"), In("buildConfiguration", "configuration"), In("publishRunAttachments"),
        ],
        ["PublishCodeCoverageResults@2"] =
        [
            Req("summaryFileLocation"), In("pathToSources"), In("failIfCoverageEmpty"),
        ],
        ["ArchiveFiles@2"] =
        [
            In("rootFolderOrFile"), In("includeRootFolder"), In("archiveType") with { Values = ["zip", "7z", "tar", "wim"] },
            In("sevenZipCompression"), In("tarCompression"), In("archiveFile"), In("replaceExistingArchive"), In("verbose"), In("quiet"),
        ],
        ["PublishPipelineArtifact@1"] =
        [
            In("targetPath", "path"), In("artifact", "artifactName"), In("publishLocation", "artifactType") with { Values = ["pipeline", "filepath"] },
            In("fileSharePath"), In("parallel"), In("parallelCount"), In("properties"),
        ],
        ["Docker@2"] =
        [
            In("containerRegistry"), In("repository"),
            In("command") with { Values = ["buildAndPush", "build", "push", "login", "logout", "start", "stop"] },
            In("Dockerfile"), In("buildContext"), In("tags"), In("arguments"), In("addPipelineData"), In("addBaseImageData"), In("container"),
        ],
        ["AzureCLI@2"] =
        [
            Req("connectedServiceNameARM", "azureSubscription"),
            Req("scriptType") with { Values = ["ps", "pscore", "batch", "bash"] },
            In("scriptLocation") with { Values = ["inlineScript", "scriptPath"] },
            // scriptLocation defaults to scriptPath, so scriptPath is required unless the step says inlineScript.
            new("scriptPath", [], Required: true, RequiredWhen: "scriptLocation=scriptPath"),
            new("inlineScript", [], Required: true, RequiredWhen: "scriptLocation=inlineScript"),
            In("scriptArguments", "arguments"), In("powerShellErrorActionPreference"), In("addSpnToEnvironment"), In("useGlobalConfig"),
            In("cwd", "workingDirectory"), In("failOnStandardError"), In("powerShellIgnoreLASTEXITCODE"), In("visibleAzLogin"),
            In("allowNoSubscriptions"), In("keepAzSessionActive"),
        ],
        ["AzureFunctionApp@2"] =
        [
            Req("connectedServiceNameARM", "azureSubscription"),
            Req("appType") with { Values = ["functionApp", "functionAppLinux"] },
            In("isFlexConsumption"), Req("appName"), In("deployToSlotOrASE"),
            new("resourceGroupName", [], Required: true, RequiredWhen: "deployToSlotOrASE=true"),
            In("slotName"), In("package"), In("runtimeStack"), In("appSettings"),
            In("deploymentMethod") with { Values = ["auto", "zipDeploy", "runFromPackage"] },
        ],
    };

    /// <summary>
    /// The problems of one <c>task:</c> step (empty when it is fine): a task not in the schema, an unknown input, a
    /// missing required input, a value outside a pick list. Values with pipeline expressions are not checked.
    /// </summary>
    public static IReadOnlyList<string> Check(string task, IReadOnlyDictionary<string, string> inputs)
    {
        if (!Tasks.TryGetValue(task, out var schema))
        {
            return [$"task {task} is not in the schema of tasks used ({string.Join(", ", Tasks.Keys)})"];
        }

        var problems = new List<string>();
        var byName = new Dictionary<string, TaskInput>(StringComparer.OrdinalIgnoreCase);
        foreach (var input in schema)
        {
            foreach (var name in input.Names)
            {
                byName[name] = input;
            }
        }

        var given = new Dictionary<TaskInput, string>();
        foreach (var (name, value) in inputs)
        {
            if (!byName.TryGetValue(name, out var input))
            {
                problems.Add($"{task}: unknown input '{name}'");
                continue;
            }

            if (!given.TryAdd(input, value))
            {
                problems.Add($"{task}: input '{input.Name}' given twice (through an alias)");
            }

            if (input.Values is { } allowed && !value.Contains("$(", StringComparison.Ordinal) && !value.Contains("${{", StringComparison.Ordinal)
                && !allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{task}: input '{name}' is '{value}', not one of {string.Join(", ", allowed)}");
            }
        }

        foreach (var input in schema.Where(i => i.Required && !given.ContainsKey(i)))
        {
            if (input.RequiredWhen is { } condition)
            {
                var (other, expected) = (condition.Split('=')[0], condition.Split('=')[1]);
                var otherInput = byName[other];
                var actual = given.TryGetValue(otherInput, out var v) ? v : Default(otherInput);
                if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
            }

            problems.Add($"{task}: required input '{input.Name}' is missing" + (input.Aliases.Length > 0 ? $" (or {string.Join(", ", input.Aliases)})" : ""));
        }

        return problems;
    }

    // The defaults the conditions above depend on.
    private static string Default(TaskInput input) => input.Name switch
    {
        "scriptLocation" => "scriptPath",
        "deployToSlotOrASE" => "false",
        _ => "",
    };
}
