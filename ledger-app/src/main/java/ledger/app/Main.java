package ledger.app;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import ledger.app.cli.ApiCommand;
import ledger.app.cli.AuditCommand;
import ledger.app.cli.BalanceCommand;
import ledger.app.cli.BenchCommand;
import ledger.app.cli.CloseCommand;
import ledger.app.cli.ClusterCommand;
import ledger.app.cli.DepositCommand;
import ledger.app.cli.HistoryCommand;
import ledger.app.cli.OpenCommand;
import ledger.app.cli.ReplayCommand;
import ledger.app.cli.TailCommand;
import ledger.app.cli.TransferCommand;
import ledger.app.cli.UpCommand;
import ledger.app.cli.WithdrawCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ledger} program: one entry point, a subcommand per task. */
@Command(
        name = "ledger",
        mixinStandardHelpOptions = true,
        version = "ledger 0.1.0",
        description = "An event-sourced account ledger on Apache Flink and Apache Kafka.",
        subcommands = {
            UpCommand.class,
            OpenCommand.class,
            DepositCommand.class,
            WithdrawCommand.class,
            TransferCommand.class,
            CloseCommand.class,
            BalanceCommand.class,
            HistoryCommand.class,
            TailCommand.class,
            ReplayCommand.class,
            AuditCommand.class,
            BenchCommand.class,
            ApiCommand.class,
            ClusterCommand.class,
        })
public final class Main implements Runnable {

    /** Exit codes of the contract. */
    public static final int ACCEPTED = 0;

    public static final int REJECTED = 1;
    public static final int USAGE = 2;
    public static final int UNREACHABLE = 3;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; expected failures print one line. */
    public static int run(String... args) {
        // UTF-8 whatever the platform charset: owners' names and record values are Unicode.
        return run(
                new PrintWriter(new OutputStreamWriter(System.out, UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, UTF_8), true),
                args);
    }

    /** Runs the command line with its output and error streams given, as tests do. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine line = new CommandLine(new Main()).setOut(out).setErr(err);
        // A usage error is one line naming the command and where its help is, not the whole help.
        line.setParameterExceptionHandler(
                (exception, unusedArgs) -> {
                    String command = exception.getCommandLine().getCommandSpec().qualifiedName();
                    exception
                            .getCommandLine()
                            .getErr()
                            .println(
                                    command
                                            + ": "
                                            + oneLine(exception)
                                            + " (see '"
                                            + command
                                            + " --help')");
                    return USAGE;
                });
        line.setExecutionExceptionHandler(
                (exception, commandLine, parseResult) -> {
                    commandLine.getErr().println("ledger: " + oneLine(exception));
                    return exception instanceof UnreachableException ? UNREACHABLE : USAGE;
                });
        return line.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    private static String oneLine(Throwable exception) {
        String message = exception.getMessage();
        return message == null
                ? exception.getClass().getSimpleName()
                : message.lines().findFirst().orElse("");
    }
}
