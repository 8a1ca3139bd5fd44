using System.Net;
using System.Net.Sockets;
using LlmSeqRec.DurableHost;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace LlmSeqRec.Pipeline.Tests;

/// <summary>The in-memory engine's port: one that something else holds is replaced by another, not a failed run.</summary>
public sealed class LoopbackPortTests
{
    [Fact]
    public async Task The_engine_starts_on_another_port_when_the_one_picked_is_taken_meanwhile()
    {
        using var squatter = Listen(out var taken);
        var picked = new List<int>();
        var picks = new Queue<int>([taken, LoopbackPort.Free()]);

        await using var host = await LoopbackPort.StartAsync(StartEngine, pick: () => Remember(picks.Dequeue(), picked));

        Assert.Equal(2, picked.Count);
        Assert.Equal(taken, picked[0]);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "ping");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancel.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("ping", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_taken_port_fails_the_engine_start_with_address_in_use_and_the_last_attempt_propagates_it()
    {
        using var squatter = Listen(out var taken);
        var tries = 0;

        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            LoopbackPort.StartAsync(StartEngine, attempts: 2, pick: () => { tries++; return taken; }));

        Assert.True(LoopbackPort.IsAddressInUse(error), error.ToString());
        Assert.Equal(2, tries);
    }

    [Fact]
    public async Task Any_other_failure_propagates_at_once()
    {
        var tries = 0;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            LoopbackPort.StartAsync<int>((_, _) => throw new InvalidOperationException("bad settings"), pick: () => ++tries));

        Assert.Equal("bad settings", error.Message);
        Assert.Equal(1, tries);
    }

    private static Task<DurableTaskTestHost> StartEngine(int port, CancellationToken cancellationToken) =>
        DurableTaskTestHost.StartAsync(
            tasks => tasks.AddOrchestratorFunc<string, string>("Echo", (_, input) => input!),
            new DurableTaskTestHostOptions { Port = port },
            cancellationToken);

    private static TcpListener Listen(out int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return listener;
    }

    private static int Remember(int port, List<int> picked)
    {
        picked.Add(port);
        return port;
    }
}
