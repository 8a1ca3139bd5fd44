using System.Reflection;
using System.Text.Json;
using LlmSeqRec.Functions.Orchestration;
using LlmSeqRec.Pipeline.Api;
using LlmSeqRec.Pipeline.Orchestration;
using LlmSeqRec.Pipeline;
using LlmSeqRec.TestSupport;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace LlmSeqRec.Functions.Tests;

/// <summary>
/// The build of the Functions app: its generated <c>functions.metadata</c> (what the Functions host indexes) lists every
/// trigger, and an orchestrator or activity function for every task of the one registration list, with matching types.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly string AppFolder = Path.Combine(TestPaths.RepositoryRoot, "functions", "LlmSeqRec.Functions");

    private static readonly Lazy<JsonElement[]> Metadata = new(() =>
    {
        var path = Path.Combine(Path.GetDirectoryName(typeof(AppSettings).Assembly.Location)!, "functions.metadata");
        if (!File.Exists(path))
        {
            // The app's own build output (the test output may not carry the file).
            var configuration = typeof(FunctionsMetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
            path = Path.Combine(AppFolder, "bin", configuration, "net10.0", "functions.metadata");
        }

        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray().ToArray();
    });

    [Fact]
    public void Every_orchestrator_and_activity_of_the_registration_list_has_a_function_of_its_name()
    {
        var registry = new DurableTaskRegistry().AddPipelineTasks();
        var orchestrators = Registered(registry, "Orchestrators");
        var activities = Registered(registry, "Activities");

        Assert.Equal(orchestrators.Order(), NamesWithTrigger("orchestrationTrigger").Order());
        Assert.Equal(activities.Order(), NamesWithTrigger("activityTrigger").Order());
        Assert.Contains(nameof(TrainingPipeline), orchestrators);
        Assert.Equal(13, orchestrators.Count + activities.Count);
    }

    [Fact]
    public void Every_adapter_runs_the_task_class_of_its_name_with_the_class_input_and_output_types()
    {
        var adapters = typeof(ActivityFunctions).GetMethods().Concat(typeof(OrchestratorFunctions).GetMethods())
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .ToArray();
        var taskTypes = typeof(TrainingPipeline).Assembly.GetTypes().Where(t => typeof(ITaskActivity).IsAssignableFrom(t) || typeof(ITaskOrchestrator).IsAssignableFrom(t));

        Assert.Equal(13, adapters.Length);
        foreach (var adapter in adapters)
        {
            var name = adapter.GetCustomAttribute<FunctionAttribute>()!.Name;
            var task = Assert.Single(taskTypes, t => t.Name == name);
            var generic = BaseGeneric(task);
            var (input, output) = (generic.GetGenericArguments()[0], generic.GetGenericArguments()[1]);
            Assert.Equal(typeof(Task<>).MakeGenericType(output), adapter.ReturnType);
            var trigger = adapter.GetParameters()[0];
            if (typeof(ITaskActivity).IsAssignableFrom(task))
            {
                Assert.NotNull(trigger.GetCustomAttribute<ActivityTriggerAttribute>());
                Assert.Equal(input, trigger.ParameterType);
                Assert.Equal(["instanceId", "function"], adapter.GetParameters().Skip(1).Select(p => p.Name!));
            }
            else
            {
                Assert.NotNull(trigger.GetCustomAttribute<OrchestrationTriggerAttribute>());
                Assert.Equal(typeof(TaskOrchestrationContext), trigger.ParameterType);
            }
        }
    }

    [Fact]
    public void The_http_api_routes_are_function_key_triggers_with_their_methods()
    {
        var routes = Metadata.Value
            .Select(f => (Name: f.GetProperty("name").GetString()!, Trigger: Bindings(f).SingleOrDefault(b => b.GetProperty("type").GetString() == "httpTrigger")))
            .Where(f => f.Trigger.ValueKind == JsonValueKind.Object)
            .ToDictionary(
                f => f.Name,
                f => (Route: f.Trigger.GetProperty("route").GetString(), Methods: string.Join(',', f.Trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString())), Auth: f.Trigger.GetProperty("authLevel").ToString()));

        Assert.Equal(
            new Dictionary<string, (string?, string, string)>
            {
                ["StartPipeline"] = ("pipelines", "post", "Function"),
                ["ListPipelines"] = ("pipelines", "get", "Function"),
                ["GetPipeline"] = ("pipelines/{id}", "get", "Function"),
                ["CancelPipeline"] = ("pipelines/{id}/cancel", "post", "Function"),
                ["GetPipelineReport"] = ("pipelines/{id}/report", "get", "Function"),
            }.OrderBy(p => p.Key),
            routes.OrderBy(p => p.Key));
        Assert.Equal(5, routes.Values.Distinct().Count());
    }

    [Fact]
    public void The_timer_and_the_completions_queue_trigger_read_their_settings()
    {
        var timer = Assert.Single(Metadata.Value, f => f.GetProperty("name").GetString() == "ScheduledRetraining");
        var queue = Assert.Single(Metadata.Value, f => f.GetProperty("name").GetString() == "WorkerCompletion");

        var timerTrigger = Assert.Single(Bindings(timer), b => b.GetProperty("type").GetString() == "timerTrigger");
        Assert.Equal("%RetrainSchedule%", timerTrigger.GetProperty("schedule").GetString());
        var queueTrigger = Assert.Single(Bindings(queue), b => b.GetProperty("type").GetString() == "queueTrigger");
        Assert.Equal("%CompletionsQueue%", queueTrigger.GetProperty("queueName").GetString());
        Assert.Equal(AppSettings.ArtifactStorage, queueTrigger.GetProperty("connection").GetString());
        Assert.All([timer, queue], f => Assert.Contains(Bindings(f), b => b.GetProperty("type").GetString() == "durableClient"));
    }

    [Fact]
    public void The_metadata_lists_exactly_the_functions_of_the_app()
    {
        var declared = typeof(AppSettings).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name)
            .OfType<string>();

        Assert.Equal(declared.Order(), Metadata.Value.Select(f => f.GetProperty("name").GetString()!).Order());
        Assert.Equal(20, Metadata.Value.Length);
    }

    [Fact]
    public void Host_json_keeps_the_api_prefix_plain_queue_messages_and_the_task_hub_setting()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppFolder, "host.json")));
        var extensions = host.RootElement.GetProperty("extensions");

        Assert.Equal(PipelineHttpApi.Route, $"{extensions.GetProperty("http").GetProperty("routePrefix").GetString()}/pipelines");
        Assert.Equal("none", extensions.GetProperty("queues").GetProperty("messageEncoding").GetString());
        var durable = extensions.GetProperty("durableTask");
        Assert.Equal($"%{AppSettings.TaskHubName}%", durable.GetProperty("hubName").GetString());
        Assert.Equal("azureStorage", durable.GetProperty("storageProvider").GetProperty("type").GetString());
        Assert.False(durable.GetProperty("extendedSessionsEnabled").GetBoolean());
    }

    [Fact]
    public void The_example_settings_name_every_app_setting_and_a_spec_that_validates()
    {
        using var example = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppFolder, "local.settings.json.example")));
        var values = example.RootElement.GetProperty("Values");
        var names = typeof(AppSettings).GetFields().Select(f => (string)f.GetRawConstantValue()!);

        Assert.All(names, name => Assert.True(values.TryGetProperty(name, out _), $"{name} is missing"));
        Assert.Equal("dotnet-isolated", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        Pipeline.Specification.PipelineSpecReader.Read(values.GetProperty(AppSettings.RetrainSpec).GetString()!);
    }

    private static string[] NamesWithTrigger(string trigger) => Metadata.Value
        .Where(f => Bindings(f).Any(b => b.GetProperty("type").GetString() == trigger))
        .Select(f => f.GetProperty("name").GetString()!)
        .ToArray();

    private static JsonElement[] Bindings(JsonElement function) => function.GetProperty("bindings").EnumerateArray().ToArray();

    private static List<string> Registered(DurableTaskRegistry registry, string property)
    {
        var entries = (System.Collections.IEnumerable)typeof(DurableTaskRegistry).GetProperty(property, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!.GetValue(registry)!;
        return entries.Cast<object>().Select(e => e.GetType().GetProperty("Key")!.GetValue(e)!.ToString()!).ToList();
    }

    private static Type BaseGeneric(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(TaskActivity<,>) || t.GetGenericTypeDefinition() == typeof(TaskOrchestrator<,>)))
            {
                return t;
            }
        }

        throw new InvalidOperationException($"{type} is neither a TaskActivity<,> nor a TaskOrchestrator<,>");
    }
}
