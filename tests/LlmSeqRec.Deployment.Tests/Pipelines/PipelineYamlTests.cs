using System.Globalization;
using System.Text.RegularExpressions;
using LlmSeqRec.Deployment.Tests.Infrastructure;

namespace LlmSeqRec.Deployment.Tests.Pipelines;

/// <summary>
/// The Azure DevOps pipelines of <c>pipelines/</c>, checked without an Azure DevOps server: they parse, every task
/// step matches the schema of the tasks used (<see cref="TaskSchema"/>), and the structure the release process
/// relies on is there (stage order, environments, the metric gate, triggers, schedule, no secrets, files exist).
/// </summary>
public sealed partial class PipelineYamlTests
{
    private static readonly string[] Pipelines = ["ci.yml", "release.yml", "retrain.yml"];

    [Fact]
    public void Every_yaml_file_under_pipelines_parses_to_a_mapping()
    {
        var files = PipelineFiles.YamlFiles();
        Assert.Superset(new HashSet<string>(Pipelines.Select(p => $"pipelines/{p}")), files.ToHashSet());
        foreach (var file in files)
        {
            var tree = PipelineFiles.Parse(File.ReadAllText(PipelineFiles.InRepository(file)));
            Assert.True(tree is Dictionary<object, object> { Count: > 0 }, $"{file} is not a non-empty YAML mapping");
        }
    }

    [Fact]
    public void Every_task_step_is_in_the_schema_with_known_inputs_and_its_required_ones()
    {
        var problems = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in PipelineFiles.YamlFiles())
        {
            var tree = PipelineFiles.Parse(File.ReadAllText(PipelineFiles.InRepository(file)));
            foreach (var (task, inputs, _) in PipelineFiles.Tasks(tree))
            {
                used.Add(task);
                problems.AddRange(TaskSchema.Check(task, inputs).Select(p => $"{file}: {p}"));
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains("AzureCLI@2", used);
        Assert.Contains("AzureFunctionApp@2", used);
    }

    [Fact]
    public void The_schema_check_rejects_unknown_tasks_unknown_inputs_missing_required_inputs_and_bad_choices()
    {
        var tree = PipelineFiles.Parse("""
            steps:
            - task: AzureCLI@1
              inputs: { azureSubscription: x }
            - task: AzureCLI@2
              inputs:
                azureSubscription: x
                scriptTyp: bash
                scriptLocation: inlineScript
            - task: AzureCLI@2
              inputs: { connectedServiceNameARM: x, scriptType: zsh, scriptPath: a.sh }
            - task: AzureFunctionApp@2
              inputs: { azureSubscription: x, appType: functionAppLinux, appName: a, deployToSlotOrASE: true }
            - task: PublishCodeCoverageResults@2
            """);
        var problems = PipelineFiles.Tasks(tree).SelectMany(t => TaskSchema.Check(t.Task, t.Inputs)).ToArray();

        Assert.Contains(problems, p => p.StartsWith("task AzureCLI@1 is not in the schema", StringComparison.Ordinal));
        Assert.Contains("AzureCLI@2: unknown input 'scriptTyp'", problems);
        Assert.Contains("AzureCLI@2: required input 'scriptType' is missing", problems);
        Assert.Contains("AzureCLI@2: required input 'inlineScript' is missing", problems);
        Assert.Contains(problems, p => p.StartsWith("AzureCLI@2: input 'scriptType' is 'zsh'", StringComparison.Ordinal));
        Assert.Contains("AzureFunctionApp@2: required input 'resourceGroupName' is missing", problems);
        Assert.Contains("PublishCodeCoverageResults@2: required input 'summaryFileLocation' is missing", problems);
        // An alias counts as the input; the script path of the third step is enough without scriptLocation.
        Assert.DoesNotContain(problems, p => p.Contains("connectedServiceNameARM", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("'scriptPath' is missing", StringComparison.Ordinal));
        Assert.Equal(7, problems.Length);
    }

    [Fact]
    public void Release_stages_run_build_infra_app_smoke_in_that_order()
    {
        var stages = PipelineFiles.Load("release.yml").List("stages").Cast<Dictionary<object, object>>().ToArray();
        Assert.Equal(["build", "infra", "app", "smoke"], stages.Select(s => s.Text("stage") ?? "").ToArray());
        Assert.Empty(stages[0].Strings("dependsOn"));
        for (var i = 1; i < stages.Length; i++)
        {
            Assert.Contains(stages[i - 1].Text("stage")!, stages[i].Strings("dependsOn"));
        }
    }

    [Fact]
    public void Deployment_jobs_target_an_environment_and_release_deploys_infra_functions_and_worker_through_them()
    {
        foreach (var name in Pipelines)
        {
            foreach (var job in PipelineFiles.Mappings(PipelineFiles.Load(name)).Where(m => m.ContainsKey("deployment")))
            {
                Assert.False(string.IsNullOrWhiteSpace(job.Text("environment")), $"{name}: deployment job {job.Text("deployment")} has no environment");
            }
        }

        var release = PipelineFiles.Load("release.yml");
        var deployments = PipelineFiles.Mappings(release).Where(m => m.ContainsKey("deployment")).ToArray();
        Assert.Equal(["deploy_infra", "deploy_functions", "deploy_worker"], deployments.Select(d => d.Text("deployment") ?? "").ToArray());
        Assert.All(deployments, d => Assert.Equal("llmseqrec-${{ parameters.environmentName }}", d.Text("environment")));

        // The deploying tasks sit inside deployment jobs (so approvals on the environment guard them).
        var infraTasks = PipelineFiles.Tasks(deployments[0]).Select(t => t.Inputs.GetValueOrDefault("inlineScript") ?? "").ToArray();
        Assert.Contains(infraTasks, s => s.Contains("az deployment sub validate", StringComparison.Ordinal));
        Assert.Contains(infraTasks, s => s.Contains("az deployment sub what-if", StringComparison.Ordinal));
        Assert.Contains(infraTasks, s => s.Contains("az deployment sub create", StringComparison.Ordinal));
        var functions = Assert.Single(PipelineFiles.Tasks(deployments[1]), t => t.Task == "AzureFunctionApp@2");
        Assert.Equal("true", functions.Inputs["isFlexConsumption"]);
        // The worker step runs the azd hook script (script steps are checked against their required variables below).
        var workerStep = Assert.Single(PipelineFiles.Tasks(deployments[2]), t => t.Task == "AzureCLI@2");
        var worker = File.ReadAllText(InfraFiles.InRepository(workerStep.Inputs["scriptPath"]));
        Assert.Contains("az acr build", worker, StringComparison.Ordinal);
        Assert.Contains("az containerapp job update", worker, StringComparison.Ordinal);
        Assert.Contains("llmseqrec-gpu-worker", release.List("variables").OfType<Dictionary<object, object>>().Select(v => v.Text("value")));
    }

    [Fact]
    public void The_deployments_pass_only_parameters_main_bicep_declares()
    {
        var declared = BicepNames("param");
        var scripts = PipelineFiles.Tasks(PipelineFiles.Load("release.yml"))
            .Select(t => t.Inputs.GetValueOrDefault("inlineScript") ?? "")
            .Where(s => s.Contains("--template-file infra/main.bicep", StringComparison.Ordinal))
            .ToArray();
        Assert.Equal(3, scripts.Length);
        foreach (var script in scripts)
        {
            var passed = ParameterAssignment().Matches(script[script.IndexOf("--parameters", StringComparison.Ordinal)..]).Select(m => m.Groups[1].Value).ToArray();
            Assert.Superset(new HashSet<string>(["environmentName", "location", "principalId", "principalType", "workerImage"]), passed.ToHashSet());
            Assert.Subset(declared, passed.ToHashSet());
        }
    }

    [Fact]
    public void Stage_outputs_are_read_from_steps_that_set_them_and_name_outputs_of_main_bicep()
    {
        var release = PipelineFiles.Load("release.yml");
        var outputs = BicepNames("output");
        var stages = release.List("stages").Cast<Dictionary<object, object>>().ToDictionary(s => s.Text("stage")!);
        var references = PipelineFiles.Mappings(release)
            .SelectMany(m => m.Values.OfType<string>())
            .SelectMany(v => StageDependency().Matches(v))
            .ToArray();
        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            var (stage, job, jobAgain, step, variable) = (reference.Groups[1].Value, reference.Groups[2].Value, reference.Groups[3].Value, reference.Groups[4].Value, reference.Groups[5].Value);
            Assert.True(stages.ContainsKey(stage), $"{reference.Value}: no stage {stage}");
            Assert.Equal(job, jobAgain); // runOnce deployment jobs: outputs['<job>.<step>.<variable>']
            var jobNode = Assert.Single(PipelineFiles.Mappings(stages[stage]), m => m.Text("deployment") == job || m.Text("job") == job);
            var setter = Assert.Single(PipelineFiles.Tasks(jobNode), t => t.Step.Text("name") == step);
            Assert.Equal("pipelines/scripts/deployment-outputs.sh", setter.Inputs["scriptPath"]);
            // The script fails the step unless the outputs the later stages read are there.
            Assert.Contains(variable, setter.Inputs["arguments"].Split(' ', '\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(variable, outputs);
        }
    }

    [Fact]
    public void Script_steps_of_the_release_give_every_variable_their_script_requires()
    {
        var release = PipelineFiles.Load("release.yml");
        var scriptSteps = PipelineFiles.Tasks(release)
            .Where(t => t.Inputs.TryGetValue("scriptPath", out var path) && path.StartsWith("infra/", StringComparison.Ordinal))
            .ToList();
        // At least the worker image step, which runs azd's postdeploy hook script.
        Assert.Contains(scriptSteps, t => t.Inputs["scriptPath"] == "infra/scripts/deploy-worker-image.sh");
        foreach (var (_, inputs, step) in scriptSteps)
        {
            var required = InfraFiles.RequiredVariables(InfraFiles.InRepository(inputs["scriptPath"]));
            Assert.NotEmpty(required);
            var env = step.Map("env");
            Assert.DoesNotContain(required, name => string.IsNullOrEmpty(env.Text(name)));
        }
    }

    [Fact]
    public void The_metric_gate_threshold_is_a_number_parameter_the_smoke_step_passes_to_the_run_script()
    {
        var release = PipelineFiles.Load("release.yml");
        var minMetric = Assert.Single(release.List("parameters").Cast<Dictionary<object, object>>(), p => p.Text("name") == "minMetric");
        Assert.Equal("number", minMetric.Text("type"));
        Assert.True(double.TryParse(minMetric.Text("default"), NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold) && threshold > 0,
            $"minMetric default '{minMetric.Text("default")}' is not a positive number");

        var smoke = release.List("stages").Cast<Dictionary<object, object>>().Single(s => s.Text("stage") == "smoke");
        var gate = Assert.Single(PipelineFiles.Mappings(smoke), m => m.Text("bash")?.Contains("start-run.sh", StringComparison.Ordinal) == true);
        var script = gate.Text("bash")!;
        Assert.Contains("--min ${{ parameters.minMetric }}", script, StringComparison.Ordinal);
        Assert.Contains("--metric \"${{ parameters.gateMetric }}\"", script, StringComparison.Ordinal);
        // The key reaches the script only through the env mapping of the secret variable.
        Assert.Equal("$(functionKey)", gate.Map("env").Text("LLMSEQREC_FUNCTION_KEY"));
        Assert.Contains(PipelineFiles.Tasks(smoke), t => t.Inputs.GetValueOrDefault("inlineScript")?.Contains("variable=functionKey;issecret=true", StringComparison.Ordinal) == true
            && t.Inputs["inlineScript"].Contains("az functionapp keys list", StringComparison.Ordinal));
    }

    [Fact]
    public void Ci_runs_on_pushes_to_main_and_on_pull_requests_into_main()
    {
        var ci = PipelineFiles.Load("ci.yml");
        Assert.Contains("main", ci.Map("trigger").Map("branches").Strings("include"));
        Assert.Contains("main", ci.Map("pr").Map("branches").Strings("include"));
        var steps = PipelineFiles.Mappings(ci).ToArray();
        Assert.Contains(steps, s => s.Text("script") == "bash .ci/run");
        Assert.Contains(steps, s => s.Text("template") == "templates/bicep-check.yml");
        Assert.Contains(steps, s => s.Text("template") == "templates/package-functions.yml");
        var docker = Assert.Single(PipelineFiles.Tasks(ci), t => t.Task == "Docker@2");
        Assert.Equal("build", docker.Inputs["command"]); // build only: CI pushes nothing
        Assert.Equal("gpu-worker/Dockerfile", docker.Inputs["Dockerfile"]);
        Assert.Equal("$(Build.SourcesDirectory)", docker.Inputs["buildContext"]);
    }

    [Fact]
    public void Retrain_runs_on_a_schedule_only()
    {
        var retrain = PipelineFiles.Load("retrain.yml");
        Assert.Equal("none", retrain.Text("trigger"));
        Assert.Equal("none", retrain.Text("pr"));
        var schedule = Assert.Single(retrain.List("schedules").Cast<Dictionary<object, object>>());
        Assert.Equal(5, schedule.Text("cron")!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("true", schedule.Text("always"));
        Assert.Contains("main", schedule.Map("branches").Strings("include"));
        Assert.Contains(PipelineFiles.Mappings(retrain), m => m.Text("bash")?.Contains("pipelines/scripts/start-run.sh", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void No_file_under_pipelines_holds_a_secret()
    {
        foreach (var path in Directory.EnumerateFiles(PipelineFiles.Directory, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(path);
            var name = Path.GetRelativePath(PipelineFiles.Directory, path);
            Assert.DoesNotMatch(LiteralSecret(), text);
            // Any key in a header or query string is a variable or an environment variable, never a literal.
            foreach (Match header in KeyHeader().Matches(text))
            {
                Assert.True(header.Groups[1].Value[0] is '$' or '<' or '%', $"{name}: literal function key in '{header.Value}'");
            }

            // Long base64/hex runs look like keys or tokens.
            Assert.True(!TokenLike().IsMatch(text), $"{name}: '{TokenLike().Match(text).Value}' looks like a key");
        }
    }

    [Fact]
    public void Every_referenced_file_exists_and_scripts_are_executable()
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in Pipelines)
        {
            var tree = PipelineFiles.Load(name);
            foreach (var map in PipelineFiles.Mappings(tree))
            {
                if (map.Text("template") is { } template)
                {
                    referenced.Add($"pipelines/{template}");
                }

                if (map.Text("scriptPath") is { } scriptPath)
                {
                    referenced.Add(scriptPath);
                }

                if (map.Text("Dockerfile") is { } dockerfile)
                {
                    referenced.Add(dockerfile);
                }
            }

            // Paths in scripts and parameter defaults: repository files the steps run or read.
            var text = File.ReadAllText(Path.Combine(PipelineFiles.Directory, name)).Replace("$(Build.SourcesDirectory)/", "", StringComparison.Ordinal);
            foreach (Match path in RepositoryPath().Matches(text))
            {
                referenced.Add(path.Value);
            }
        }

        foreach (var template in Directory.EnumerateFiles(Path.Combine(PipelineFiles.Directory, "templates")))
        {
            foreach (Match path in RepositoryPath().Matches(File.ReadAllText(template)))
            {
                referenced.Add(path.Value);
            }
        }

        Assert.Superset(new HashSet<string>(["pipelines/scripts/start-run.sh", "pipelines/scripts/deployment-outputs.sh", ".ci/run", "infra/main.bicep",
            "pipelines/specs/smoke.json", "pipelines/specs/retrain.json", "pipelines/templates/bicep-check.yml", "gpu-worker/Dockerfile", "pipelines/coverage.runsettings"]), referenced);
        foreach (var file in referenced)
        {
            Assert.True(File.Exists(PipelineFiles.InRepository(file)) || Directory.Exists(PipelineFiles.InRepository(file)), $"referenced file {file} does not exist");
            if (file.EndsWith(".sh", StringComparison.Ordinal))
            {
                Assert.True(File.GetUnixFileMode(PipelineFiles.InRepository(file)).HasFlag(UnixFileMode.UserExecute), $"{file} is not executable");
            }
        }
    }

    [Fact]
    public void The_run_specs_are_valid_pipeline_specs()
    {
        foreach (var spec in Directory.EnumerateFiles(Path.Combine(PipelineFiles.Directory, "specs"), "*.json"))
        {
            // Read throws PipelineSpecException naming every bad field.
            var parsed = LlmSeqRec.Pipeline.Specification.PipelineSpecReader.Read(File.ReadAllText(spec));
            Assert.NotEmpty(parsed.Models ?? []);
        }
    }

    /// <summary>Names of main.bicep's params or outputs (kind "param" or "output").</summary>
    private static HashSet<string> BicepNames(string kind) =>
        File.ReadLines(PipelineFiles.InRepository("infra/main.bicep"))
            .Where(l => l.StartsWith(kind + " ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"(?<![-\w])(\w+)=")]
    private static partial Regex ParameterAssignment();

    [GeneratedRegex(@"stageDependencies\.(\w+)\.(\w+)\.outputs\['(\w+)\.(\w+)\.(\w+)'\]")]
    private static partial Regex StageDependency();

    [GeneratedRegex(@"AccountKey=|SharedAccessSignature=|[?&]sig=|[?&]code=[A-Za-z0-9]|BEGIN [A-Z ]*PRIVATE KEY|password:\s*\S|DefaultEndpointsProtocol=", RegexOptions.IgnoreCase)]
    private static partial Regex LiteralSecret();

    [GeneratedRegex(@"x-functions-key:\s*([^\s""',)]+)", RegexOptions.IgnoreCase)]
    private static partial Regex KeyHeader();

    [GeneratedRegex(@"[A-Za-z0-9+/=_-]{40,}")]
    private static partial Regex TokenLike();

    [GeneratedRegex(@"(?<![\w/.$-])(?:pipelines|infra|gpu-worker|functions|tests|\.ci)/[\w./-]*\w")]
    private static partial Regex RepositoryPath();
}
