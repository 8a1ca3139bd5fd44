using System.Text.RegularExpressions;
using System.Xml.Linq;
using LlmSeqRec.TestSupport;

namespace LlmSeqRec.GpuWorker.Tests;

/// <summary>
/// gpu-worker/Dockerfile cannot be built here (no Docker engine), so what can go wrong without building it is
/// checked against the repository: its stages and images, the publish command, the user, the probe and the entry
/// point, and that everything it copies exists and is in the build context.
/// </summary>
public sealed partial class DockerfileTests
{
    private const string ProjectFolder = "gpu-worker/LlmSeqRec.GpuWorker";
    private static readonly ParsedDockerfile Dockerfile = ParsedDockerfile.Load(Repo("gpu-worker/Dockerfile"));
    private static readonly DockerIgnore Context = DockerIgnore.Load(Repo(".dockerignore"));

    [Fact]
    public void It_builds_on_the_dotnet_sdk_and_runs_on_the_cuda_runtime_that_libtorch_cuda_needs()
    {
        Assert.Equal(2, Dockerfile.Stages.Count);
        var build = Dockerfile.Stages[0];
        Assert.Equal(("mcr.microsoft.com/dotnet/sdk:10.0", "build"), (build.Image, build.Name));
        Assert.Equal("net10.0", XDocument.Load(Repo("Directory.Build.props")).Descendants("TargetFramework").Single().Value);

        // The CUDA release of the base image is the one of the libtorch-cuda package TorchBackend=cuda selects.
        var cudaPackage = XDocument.Load(Repo("src/LlmSeqRec.Tensors/LlmSeqRec.Tensors.csproj")).Descendants("PackageReference")
            .Select(p => LibTorchCuda().Match(p.Attribute("Include")!.Value)).Single(m => m.Success);
        var runtime = Dockerfile.Final;
        Assert.Equal("runtime", runtime.Name);
        var image = CudaImage().Match(runtime.Image);
        Assert.True(image.Success, runtime.Image);
        Assert.Equal(cudaPackage.Groups["cuda"].Value, image.Groups["cuda"].Value);
        Assert.Equal("ubuntu24.04", image.Groups["os"].Value);

        // The .NET runtimes come from Microsoft's image of the SDK's version (same Ubuntu release).
        var dotnet = runtime.All("COPY").Single(c => c.Flags.TryGetValue("from", out var from) && from.StartsWith("mcr.", StringComparison.Ordinal));
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", dotnet.Flags["from"]);
        Assert.Equal(["/usr/share/dotnet", "/usr/share/dotnet"], dotnet.Words);
    }

    [Fact]
    public void It_restores_and_publishes_the_gpu_worker_with_the_cuda_backend()
    {
        var runs = Dockerfile.Stage("build").All("RUN").Select(r => r.Words).ToList();
        var restore = Assert.Single(runs, w => w.Take(2).SequenceEqual(["dotnet", "restore"]));
        Assert.Equal(["dotnet", "restore", ProjectFolder, "-p:TorchBackend=cuda"], restore);

        var publish = Assert.Single(runs, w => w.Take(2).SequenceEqual(["dotnet", "publish"]));
        Assert.Equal(ProjectFolder, publish[2]);
        Assert.True(File.Exists(Repo($"{ProjectFolder}/LlmSeqRec.GpuWorker.csproj")));
        Assert.Equal("Release", After(publish, "-c"));
        Assert.Contains("-p:TorchBackend=cuda", publish);
        Assert.Equal("/app", After(publish, "-o"));
    }

    [Fact]
    public void The_runtime_stage_runs_as_the_non_root_user_it_creates()
    {
        var user = Dockerfile.Final.All("USER").Last().Words.Single();
        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user.Split(':')[0]);
        Assert.Contains(Dockerfile.Final.All("RUN"), r => r.Rest.Contains($"useradd --uid {user} ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_entrypoint_and_the_healthcheck_run_the_published_worker()
    {
        var assembly = XDocument.Load(Repo($"{ProjectFolder}/LlmSeqRec.GpuWorker.csproj")).Descendants("AssemblyName").Single().Value;
        var dll = $"/app/{assembly}.dll";
        var copy = Assert.Single(Dockerfile.Final.All("COPY"), c => c.Flags.GetValueOrDefault("from") == "build");
        Assert.Equal(["/app", "/app"], copy.Words);

        var entrypoint = DockerInstruction.ExecForm(Dockerfile.Final.All("ENTRYPOINT").Single().Rest);
        Assert.Equal(["dotnet", dll], entrypoint);

        var healthcheck = Dockerfile.Final.All("HEALTHCHECK").Single();
        Assert.StartsWith("CMD ", healthcheck.Rest, StringComparison.Ordinal);
        Assert.Equal(["dotnet", dll, HealthProbe.Command], DockerInstruction.ExecForm(healthcheck.Rest[4..]));
        Assert.All(["interval", "timeout", "start-period", "retries"], flag => Assert.True(healthcheck.Flags.ContainsKey(flag), flag));

        // The probe and the port the image documents are the worker's default.
        var port = GpuWorkerSettings.DefaultHealthPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"{SettingNames.HealthPort}={port}", Dockerfile.Final.All("ENV").SelectMany(e => e.Words));
        Assert.Equal([port], Dockerfile.Final.All("EXPOSE").Single().Words);
    }

    [Fact]
    public void Everything_it_copies_from_the_context_exists_and_is_not_ignored()
    {
        var copies = Dockerfile.Stages.SelectMany(s => s.All("COPY").Concat(s.All("ADD"))).Where(c => !c.Flags.ContainsKey("from")).ToList();
        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            foreach (var source in copy.Words.SkipLast(1))
            {
                var path = source.TrimEnd('/');
                Assert.True(File.Exists(Repo(path)) || Directory.Exists(Repo(path)), $"{copy}: {source} does not exist");
                Assert.False(Context.Excludes(path), $"{copy}: .dockerignore leaves {source} out of the build context");
                if (Directory.Exists(Repo(path)))
                {
                    // The sources under a copied folder reach the build (bin/obj do not).
                    foreach (var file in Directory.EnumerateFiles(Repo(path), "*", SearchOption.AllDirectories)
                                 .Select(f => Path.GetRelativePath(TestPaths.RepositoryRoot, f).Replace('\\', '/'))
                                 .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith("proj", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal))
                                 .Where(f => !BuildOutput().IsMatch(f)))
                    {
                        Assert.False(Context.Excludes(file), $"{file} is left out of the build context");
                    }
                }
            }
        }
    }

    [Fact]
    public void The_restore_layer_has_every_project_the_worker_references()
    {
        var restoreAt = Dockerfile.Stage("build").Instructions.First(i => i.Rest.StartsWith("dotnet restore", StringComparison.Ordinal)).Line;
        var copiedFirst = Dockerfile.Stage("build").All("COPY").Where(c => c.Line < restoreAt).SelectMany(c => c.Words.SkipLast(1)).ToHashSet();

        var projects = ReferencedProjects($"{ProjectFolder}/LlmSeqRec.GpuWorker.csproj");
        Assert.Contains("src/LlmSeqRec.Tensors/LlmSeqRec.Tensors.csproj", projects);
        Assert.All(projects, p => Assert.Contains(p, copiedFirst));
        Assert.All(["global.json", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "build/"], f => Assert.Contains(f, copiedFirst));
    }

    [Fact]
    public void The_build_context_leaves_outputs_data_and_other_projects_out()
    {
        Assert.All(
            [
                "src/LlmSeqRec.Worker/bin/Release/net10.0/LlmSeqRec.Worker.dll", $"{ProjectFolder}/obj/project.assets.json",
                "TestResults/run.trx", "out/run/store/runs/x/report/report.html", "models/sasrec-s42/weights.bin", ".git/HEAD",
                "tests/LlmSeqRec.Worker.Tests/JobQueueWorkerTests.cs", "functions/LlmSeqRec.Functions/local.settings.json", ".scratch/probe.cs",
            ],
            path => Assert.True(Context.Excludes(path), path));
        Assert.All(
            ["global.json", "build/TorchSharpNativeCompat.cs", "src/LlmSeqRec.Worker/JobQueueWorker.cs", $"{ProjectFolder}/Program.cs"],
            path => Assert.False(Context.Excludes(path), path));
    }

    /// <summary>The project files <paramref name="project"/> references, directly or not, repository-relative.</summary>
    private static HashSet<string> ReferencedProjects(string project)
    {
        var found = new HashSet<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            var folder = Path.GetDirectoryName(Repo(current))!;
            foreach (var reference in XDocument.Load(Repo(current)).Descendants("ProjectReference"))
            {
                var path = Path.GetRelativePath(TestPaths.RepositoryRoot, Path.GetFullPath(Path.Combine(folder, reference.Attribute("Include")!.Value.Replace('\\', '/')))).Replace('\\', '/');
                if (found.Add(path))
                {
                    pending.Push(path);
                }
            }
        }

        found.Add(project);
        return found;
    }

    private static string After(IReadOnlyList<string> words, string option) => words[words.ToList().IndexOf(option) + 1];

    private static string Repo(string relative) => Path.Combine(TestPaths.RepositoryRoot, relative);

    [GeneratedRegex(@"^libtorch-cuda-(?<cuda>\d+\.\d+)-linux-x64$")]
    private static partial Regex LibTorchCuda();

    [GeneratedRegex(@"^nvidia/cuda:(?<cuda>\d+\.\d+)(?:\.\d+)?-(?:cudnn-)?runtime-(?<os>ubuntu\d+\.\d+)$")]
    private static partial Regex CudaImage();

    [GeneratedRegex(@"(^|/)(bin|obj)/")]
    private static partial Regex BuildOutput();
}
