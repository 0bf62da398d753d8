package io.poco.node.cli;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import picocli.CommandLine;

/** Exit codes of both commands, and the handler that maps failures onto them. */
public final class ExitCodes {

  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  private ExitCodes() {}

  /** Runs a picocli command line with the project's error conventions. */
  public static int execute(CommandLine cli, String[] args) {
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof UsageException) {
            cmd.getErr().println("error: " + e.getMessage());
            return USAGE;
          }
          if (e instanceof StatusRuntimeException s) {
            Status.Code code = s.getStatus().getCode();
            String what = s.getStatus().getDescription();
            cmd.getErr()
                .println(
                    "error: the node answered "
                        + code
                        + (what == null ? "" : ": " + what)
                        + (code == Status.Code.UNAVAILABLE
                            ? " (is pocod running? see --node)"
                            : ""));
            return code == Status.Code.INVALID_ARGUMENT ? USAGE : FAILURE;
          }
          cmd.getErr()
              .println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
          return FAILURE;
        });
    return cli.execute(args);
  }
}
