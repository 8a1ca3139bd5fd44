using LlmSeqRec.TestSupport;

namespace LlmSeqRec.Deployment.Tests.Pipelines;

/// <summary>
/// pipelines/scripts/deployment-outputs.sh against a stand-in <c>az</c> on the PATH that answers
/// <c>az deployment sub show --name ... --query properties.outputs</c> as the Azure CLI does.
/// </summary>
public sealed class DeploymentOutputsScriptTests
{
    private const string Outputs = """
        {
          "AZURE_RESOURCE_GROUP": { "type": "String", "value": "rg-llmseqrec-dev" },
          "AZURE_FUNCTION_APP_URL": { "type": "String", "value": "https://func-abc.azurewebsites.net" },
          "WORKER_JOB_NAME": { "type": "String", "value": "" },
          "APPLICATIONINSIGHTS_CONNECTION_STRING": { "type": "String", "value": "InstrumentationKey=00000000-0000-0000-0000-000000000000" },
          "WORKER_MAX_EXECUTIONS": { "type": "Int", "value": 2 },
          "TAGS": { "type": "Object", "value": { "a": "b" } }
        }
        """;

    [ScriptFact]
    public async Task Outputs_become_job_and_output_variables_and_secrets_are_masked()
    {
        using var dir = FakeAz();

        var run = await RunAsync(dir, "llmseqrec-dev", "AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_APP_URL");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("##vso[task.setvariable variable=AZURE_RESOURCE_GROUP;issecret=false]rg-llmseqrec-dev\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("##vso[task.setvariable variable=AZURE_RESOURCE_GROUP;isOutput=true;issecret=false]rg-llmseqrec-dev\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("##vso[task.setvariable variable=AZURE_FUNCTION_APP_URL;isOutput=true;issecret=false]https://func-abc.azurewebsites.net\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("##vso[task.setvariable variable=WORKER_MAX_EXECUTIONS;isOutput=true;issecret=false]2\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("##vso[task.setvariable variable=APPLICATIONINSIGHTS_CONNECTION_STRING;isOutput=true;issecret=true]", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("InstrumentationKey", run.Error, StringComparison.Ordinal); // masked in the log lines
        Assert.DoesNotContain("TAGS", run.Output, StringComparison.Ordinal); // no single-line form
        Assert.Equal("deployment sub show --name llmseqrec-dev --query properties.outputs --output json", File.ReadAllText(dir["az-args"]).Trim());
    }

    [ScriptFact]
    public async Task A_missing_or_empty_required_output_or_deployment_fails_naming_it()
    {
        using var dir = FakeAz();

        var empty = await RunAsync(dir, "llmseqrec-dev", "AZURE_RESOURCE_GROUP", "WORKER_JOB_NAME");
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("deployment 'llmseqrec-dev' has no output WORKER_JOB_NAME", empty.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("##vso", empty.Output, StringComparison.Ordinal);

        var absent = await RunAsync(dir, "llmseqrec-dev", "AZURE_FUNCTION_APP_NAME");
        Assert.Equal(1, absent.ExitCode);
        Assert.Contains("has no output AZURE_FUNCTION_APP_NAME", absent.Error, StringComparison.Ordinal);

        var noDeployment = await RunAsync(dir, "llmseqrec-prod");
        Assert.Equal(1, noDeployment.ExitCode);
        Assert.Contains("no subscription deployment 'llmseqrec-prod'", noDeployment.Error, StringComparison.Ordinal);
    }

    /// <summary>A folder with an executable <c>az</c> that knows the deployment llmseqrec-dev only.</summary>
    private static TempDirectory FakeAz()
    {
        var dir = new TempDirectory();
        dir.Write("outputs.json", Outputs);
        var az = dir.Write("az", $"""
            #!/usr/bin/env bash
            echo "$*" > '{dir["az-args"]}'
            if [ "$5" != llmseqrec-dev ]; then echo "ERROR: (DeploymentNotFound) Deployment '$5' could not be found." >&2; exit 3; fi
            cat '{dir["outputs.json"]}'
            """);
        File.SetUnixFileMode(az, File.GetUnixFileMode(az) | UnixFileMode.UserExecute);
        return dir;
    }

    private static Task<ProcessRun> RunAsync(TempDirectory dir, params string[] args) =>
        ScriptRun.RunAsync(
            "deployment-outputs.sh",
            new Dictionary<string, string?> { ["PATH"] = $"{dir.Path}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}" },
            TimeSpan.FromSeconds(30),
            args);
}
