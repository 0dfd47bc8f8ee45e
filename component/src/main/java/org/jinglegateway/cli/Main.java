package org.jinglegateway.cli;

/** Entry point of {@code jingle-gateway.jar}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(2);
    }
}
