using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace LlmSeqRec.DurableHost;

/// <summary>
/// Creates the Durable Task Framework objects for the SDK's class-based orchestrators and activities (the same
/// classes the Functions app and the in-process engine run): a new instance per work item, activities built from
/// the host's services.
/// </summary>
internal sealed class TaskShims(DurableTaskShimFactory shims, IServiceProvider services)
{
    public ObjectCreator<TaskOrchestration> Orchestration(Type type) =>
        new Creator<TaskOrchestration>(type.Name, () => shims.CreateOrchestration(new TaskName(type.Name), (ITaskOrchestrator)ActivatorUtilities.CreateInstance(services, type), parent: null));

    public ObjectCreator<TaskActivity> Activity(Type type) =>
        new Creator<TaskActivity>(type.Name, () => shims.CreateActivity(new TaskName(type.Name), (ITaskActivity)ActivatorUtilities.CreateInstance(services, type)));

    private sealed class Creator<T> : ObjectCreator<T>
    {
        private readonly Func<T> _create;

        public Creator(string name, Func<T> create)
        {
            Name = name;
            Version = string.Empty;
            _create = create;
        }

        public override T Create() => _create();
    }
}
