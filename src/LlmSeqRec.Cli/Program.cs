using System.CommandLine;
using LlmSeqRec.Cli.Commands;

var root = new RootCommand("llmseqrec: LLM-based sequential recommendation (Harte et al. 2023; Boz et al. 2024) on your machine.")
{
    IngestCommand.Create(),
    EmbedCommand.Create(),
    TuneCommand.Create(),
    BenchCommand.Create(),
    EvaluateCommand.Create(),
    TrainCommand.Create(),
    RunCommand.Create(),
    ServeCommand.Create(),
    WorkerCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
