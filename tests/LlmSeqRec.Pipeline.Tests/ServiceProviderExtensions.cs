using LlmSeqRec.Pipeline.Artifacts;
using Microsoft.Extensions.DependencyInjection;

namespace LlmSeqRec.Pipeline.Tests;

internal static class ServiceProviderExtensions
{
    public static PipelineStorage GetStorage(this IServiceProvider services) => services.GetRequiredService<PipelineStorage>();
}
