package org.jinglegateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code jingle-gateway.jar} (README.md). Exit codes: 0 done, 2 bad usage, input or
 * configuration, 3 the XMPP server refused the secret, 4 the XMPP server does not know the domain, 1 anything else.
 */
@Command(name = "jingle-gateway", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "XMPP component that bridges Jingle calls and browser WebRTC.",
        subcommands = {RunCommand.class, ConvertCommand.class, BenchCommand.class})
public final class Main {
    /** Bad usage, bad input, bad configuration. */
    public static final int EXIT_USAGE = 2;
    /** The server refused the component secret (not-authorized). */
    public static final int EXIT_SECRET_REFUSED = 3;
    /** The server does not know the component domain (host-unknown). */
    public static final int EXIT_HOST_UNKNOWN = 4;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command and returns its exit code. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExitCodeExceptionMapper(e -> EXIT_USAGE);
        CommandLine.IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, rest) -> {
            if (!"convert".equals(e.getCommandLine().getCommandName())) {
                return usage.handleParseException(e, rest);
            }
            // convert fails in one line, whatever failed (README.md); --help still shows the usage
            // CHECKSTYLE.OFF: RegexpSinglelineJava
            e.getCommandLine().getErr().println("jingle-gateway convert: " + e.getMessage().lines().findFirst()
                    .orElse("") + " (see convert --help)");
            // CHECKSTYLE.ON: RegexpSinglelineJava
            return EXIT_USAGE;
        });
        return cli.execute(args);
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jingle-gateway " + version()};
        }
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
