using LlmSeqRec.GpuWorker;

// llmseqrec-gpu-worker: the GPU worker until SIGTERM or Ctrl+C (which hand the current job back);
// `llmseqrec-gpu-worker healthcheck`: asks the running worker's health endpoint (the image's HEALTHCHECK).
// The settings are environment variables: gpu-worker/README.md.
return args is [HealthProbe.Command]
    ? await HealthProbe.RunAsync().ConfigureAwait(false)
    : await GpuWorkerHost.RunAsync(args).ConfigureAwait(false);
