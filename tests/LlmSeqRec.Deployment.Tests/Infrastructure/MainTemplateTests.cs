using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LlmSeqRec.Deployment.Tests.Infrastructure;

/// <summary>
/// What infra/main.bicep deploys, read from its compiled ARM template: azd's contract (parameters, UPPER_SNAKE
/// outputs), storage without shared keys, the Functions app's and the worker's settings against the names their code
/// reads, the KEDA rule on the jobs queue, and least-privilege role assignments.
/// </summary>
public sealed partial class MainTemplateTests
{
    private static readonly CompiledTemplate Template = CompiledTemplate.MainTemplate;

    [Fact]
    public void Template_is_subscription_scoped_with_the_azd_parameters()
    {
        Assert.Contains("subscriptionDeploymentTemplate.json", (string?)Template.Root["$schema"], StringComparison.Ordinal);
        var parameters = Template.Root["parameters"]!.AsObject();
        foreach (var name in new[] { "environmentName", "location", "principalId" })
        {
            Assert.True(parameters.ContainsKey(name), $"main.bicep has no parameter '{name}'");
        }

        var resourceGroup = Assert.Single(Template.ResourcesOfType("Microsoft.Resources/resourceGroups"));
        Assert.Equal("[variables('tags')]", (string?)resourceGroup["tags"]);
        Assert.Contains("azd-env-name", Template.Root["variables"]!["tags"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_file_matches_the_template()
    {
        var declared = Template.Root["parameters"]!.AsObject();
        var given = JsonNode.Parse(File.ReadAllText(InfraFiles.MainParameters))!["parameters"]!.AsObject();

        var unknown = given.Select(pair => pair.Key).Where(name => !declared.ContainsKey(name)).ToList();
        Assert.True(unknown.Count == 0, $"main.parameters.json sets parameters main.bicep does not declare: {string.Join(", ", unknown)}");
        var missing = declared.Where(pair => pair.Value!["defaultValue"] is null && !given.ContainsKey(pair.Key)).Select(pair => pair.Key).ToList();
        Assert.True(missing.Count == 0, $"required parameters without a value in main.parameters.json: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Outputs_are_upper_snake_and_include_what_the_pipelines_and_readme_use()
    {
        var outputs = Template.Root["outputs"]!.AsObject().Select(pair => pair.Key).ToList();

        Assert.All(outputs, name => Assert.Matches(UpperSnake(), name));
        string[] used =
        [
            "AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_APP_NAME", "AZURE_FUNCTION_APP_URL", "AZURE_CONTAINER_REGISTRY_NAME",
            "AZURE_CONTAINER_REGISTRY_ENDPOINT", "WORKER_JOB_NAME", "AZURE_STORAGE_ACCOUNT_NAME", "ARTIFACT_CONTAINER",
            "AZURE_KEY_VAULT_NAME", "AZURE_OPENAI_ENDPOINT",
        ];
        Assert.Empty(used.Except(outputs));
    }

    [Fact]
    public void Product_storage_has_no_shared_key_and_no_public_blobs()
    {
        var storage = Template.Module("storage");
        var account = Assert.Single(Resources(storage, "Microsoft.Storage/storageAccounts"));
        var properties = account["properties"]!;

        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
    }

    [Fact]
    public void Function_app_settings_are_the_ones_the_app_reads_and_carry_no_key()
    {
        var module = Template.Module("function-app");
        var variables = module["variables"]!.AsObject();
        var common = Settings(variables["commonSettings"]!);
        var premium = Settings(variables["premiumSettings"]!);
        var appSettings = SettingConstants.Read("functions/LlmSeqRec.Functions/AppSettings.cs");

        // Names the app reads (AppSettings.cs), the identity-based forms of its two storage connections, and the
        // platform's own settings (Functions runtime, Application Insights, Azure OpenAI defaults of functions/README.md).
        string[] platform =
        [
            "AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_EMBEDDING_DEPLOYMENT", "APPLICATIONINSIGHTS_CONNECTION_STRING",
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_WORKER_RUNTIME",
            "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTSHARE", "WEBSITE_SKIP_CONTENTSHARE_VALIDATION",
        ];
        var unknown = common.Keys.Concat(premium.Keys)
            .Where(name => !appSettings.Contains(name) && !platform.Contains(name) && !IdentityConnection().IsMatch(name))
            .ToList();
        Assert.True(unknown.Count == 0, $"app settings the Functions app does not read: {string.Join(", ", unknown)}");

        foreach (var required in new[] { "TaskHubName", "CompletionsQueue", "JobsQueue", "ArtifactContainer", "RetrainSchedule", "RetrainSpec" })
        {
            Assert.True(appSettings.Contains(required), $"AppSettings.cs no longer has '{required}'");
            Assert.True(common.ContainsKey(required), $"the template does not set '{required}'");
        }

        // Identity-based storage: service URIs, never a connection string (which would carry the account key).
        Assert.Contains("ArtifactStorage__blobServiceUri", common.Keys);
        Assert.Contains("ArtifactStorage__queueServiceUri", common.Keys);
        Assert.DoesNotContain("ArtifactStorage", common.Keys);
        Assert.DoesNotContain("AzureWebJobsStorage", common.Keys);
        Assert.Contains("AzureWebJobsStorage__queueServiceUri", common.Keys);
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", common.Keys);
        Assert.DoesNotContain("AccountKey", module.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        // The Elastic Premium content share's connection string only through a Key Vault reference.
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri=", premium["WEBSITE_CONTENTAZUREFILECONNECTIONSTRING"], StringComparison.Ordinal);
    }

    [Fact]
    public void Task_hub_setting_is_the_one_host_json_names()
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(InfraFiles.InRepository("functions/LlmSeqRec.Functions/host.json")))!;
        var hubName = (string?)hostJson["extensions"]!["durableTask"]!["hubName"];

        Assert.Equal("%TaskHubName%", hubName);
        Assert.Contains("TaskHubName", Settings(Template.Module("function-app")["variables"]!["commonSettings"]!).Keys);
    }

    [Fact]
    public void Worker_job_is_event_driven_on_the_jobs_queue_with_its_identity_and_known_settings()
    {
        var module = Template.Module("gpu-worker-job");
        var job = Assert.Single(Resources(module, "Microsoft.App/jobs"));
        var configuration = job["properties"]!["configuration"]!;
        var container = Assert.Single(job["properties"]!["template"]!["containers"]!.AsArray())!;
        var env = Settings(container["env"]!);
        var workerSettings = SettingConstants.Read("gpu-worker/LlmSeqRec.GpuWorker/SettingNames.cs");

        Assert.Equal("Event", (string?)configuration["triggerType"]);
        var rule = Assert.Single(configuration["eventTriggerConfig"]!["scale"]!["rules"]!.AsArray())!;
        Assert.Equal("azure-queue", (string?)rule["type"]);
        Assert.Equal(env["LLMSEQREC_JOBS_QUEUE"], (string?)rule["metadata"]!["queueName"]);
        Assert.NotNull((string?)rule["identity"]);
        Assert.Null(rule["auth"]);

        // Every variable is one the worker reads (SettingNames.cs) or AZURE_CLIENT_ID (DefaultAzureCredential's choice
        // of user-assigned identity); storage by service URIs and the identity, no connection string.
        var unknown = env.Keys.Where(name => name != "AZURE_CLIENT_ID" && !workerSettings.Contains(name)).ToList();
        Assert.True(unknown.Count == 0, $"worker variables the worker does not read: {string.Join(", ", unknown)}");
        Assert.Contains("LLMSEQREC_STORAGE_BLOB_URI", env.Keys);
        Assert.Contains("LLMSEQREC_STORAGE_QUEUE_URI", env.Keys);
        Assert.Contains("AZURE_CLIENT_ID", env.Keys);
        Assert.DoesNotContain("LLMSEQREC_STORAGE", env.Keys);
        Assert.Contains("LLMSEQREC_IDLE_EXIT_SECONDS", env.Keys);
        Assert.Null(configuration["secrets"]);

        // The GPU profile the job runs on is declared in the environment.
        var environment = Assert.Single(Resources(module, "Microsoft.App/managedEnvironments"));
        var profileName = (string)job["properties"]!["workloadProfileName"]!;
        Assert.Matches(@"^\[variables\('(\w+)'\)\]$", profileName);
        var profiles = environment["properties"]!["workloadProfiles"]!.AsArray()
            .Select(profile => profile is JsonValue expression ? expression.GetValue<string>() : profile!.ToJsonString());
        Assert.Contains(profiles, profile => profile.Contains(profileName.Trim('[', ']'), StringComparison.Ordinal));
        Assert.Equal("/healthz", (string?)container["probes"]![0]!["httpGet"]!["path"]);
    }

    [Fact]
    public void Role_assignments_use_only_least_privilege_data_roles()
    {
        // Role definition id -> name: the only roles the deployment may grant.
        var allowed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
            ["ba92f5b4-2d11-453d-a403-e96b0029c9fe"] = "Storage Blob Data Contributor",
            ["2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"] = "Storage Blob Data Reader",
            ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
            ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
            ["5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"] = "Cognitive Services OpenAI User",
            ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
            ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
            ["7f951dda-4ed3-4680-a7ca-43fe172d538d"] = "AcrPull",
            ["8311e382-0749-4cb8-b61a-304f252e45ec"] = "AcrPush",
        };
        var module = Template.Module("role-assignments");
        var roleIds = module["variables"]!["roles"]!.AsObject().ToDictionary(pair => pair.Key, pair => (string)pair.Value!);
        var assignments = Resources(module, "Microsoft.Authorization/roleAssignments");

        Assert.NotEmpty(assignments);
        var granted = new List<(string Principal, string Role, string Scope)>();
        foreach (var assignment in assignments)
        {
            var definition = (string)assignment["properties"]!["roleDefinitionId"]!;
            var key = RoleKey().Match(definition).Groups["key"].Value;
            Assert.True(roleIds.TryGetValue(key, out var id), $"role definition '{definition}' is not one of the template's role ids");
            Assert.True(allowed.TryGetValue(id, out var role), $"role {key} ({id}) is not on the least-privilege list");
            granted.Add(((string)assignment["properties"]!["principalId"]!, role!, (string?)assignment["scope"] ?? ""));
        }

        // The worker's storage roles are scoped below the account: the artifact container and its queues by name.
        var worker = granted.Where(grant => grant.Principal.Contains("workerPrincipalId", StringComparison.Ordinal)).ToList();
        Assert.Contains(worker, grant => grant.Role == "AcrPull");
        Assert.All(worker.Where(grant => grant.Role.StartsWith("Storage Blob", StringComparison.Ordinal)), grant => Assert.Contains("/containers", grant.Scope, StringComparison.Ordinal));
        Assert.All(worker.Where(grant => grant.Role.StartsWith("Storage Queue", StringComparison.Ordinal)), grant => Assert.Contains("/queues", grant.Scope, StringComparison.Ordinal));
        Assert.Equal(3, worker.Count(grant => grant.Role == "Storage Queue Data Contributor"));
        Assert.DoesNotContain(worker, grant => grant.Role.Contains("Owner", StringComparison.Ordinal));

        // The Functions app: what identity-based AzureWebJobsStorage with Durable Functions needs, plus OpenAI and telemetry.
        var function = granted.Where(grant => grant.Principal.Contains("functionPrincipalId", StringComparison.Ordinal)).Select(grant => grant.Role).ToHashSet();
        Assert.Superset(new HashSet<string> { "Storage Blob Data Owner", "Storage Queue Data Contributor", "Storage Table Data Contributor", "Cognitive Services OpenAI User", "Monitoring Metrics Publisher" }, function);
    }

    [Fact]
    public void Registry_and_openai_have_no_keys()
    {
        var registry = Assert.Single(Resources(Template.Module("container-registry"), "Microsoft.ContainerRegistry/registries"));
        Assert.False((bool)registry["properties"]!["adminUserEnabled"]!);

        var openAi = Assert.Single(Resources(Template.Module("openai"), "Microsoft.CognitiveServices/accounts"));
        Assert.True((bool)openAi["properties"]!["disableLocalAuth"]!);

        var insights = Assert.Single(Resources(Template.Module("monitoring"), "Microsoft.Insights/components"));
        Assert.True((bool)insights["properties"]!["DisableLocalAuth"]!);

        var vault = Assert.Single(Resources(Template.Module("key-vault"), "Microsoft.KeyVault/vaults"));
        Assert.True((bool)vault["properties"]!["enableRbacAuthorization"]!);
    }

    private static List<JsonObject> Resources(JsonObject template, string type) =>
        [.. template["resources"]!.AsArray().OfType<JsonObject>().Where(resource => (string?)resource["type"] == type)];

    private static Dictionary<string, string> Settings(JsonNode list) =>
        list.AsArray().ToDictionary(item => (string)item!["name"]!, item => (string?)item!["value"] ?? "");

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex UpperSnake();

    [GeneratedRegex("^(AzureWebJobsStorage|ArtifactStorage)__(blobServiceUri|queueServiceUri|tableServiceUri)$")]
    private static partial Regex IdentityConnection();

    [GeneratedRegex(@"variables\('roles'\)\.(?<key>\w+)")]
    private static partial Regex RoleKey();
}
