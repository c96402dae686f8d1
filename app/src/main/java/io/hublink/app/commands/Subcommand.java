package io.hublink.app.commands;

import io.hublink.app.CommonOptions;
import java.util.concurrent.Callable;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A hublink subcommand: applies the common options (log level) before it runs. */
abstract class Subcommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    /** Where a command's own output goes (standard output, or what a test set). */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where one-line errors go (standard error, or what a test set). */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public final Integer call() throws Exception {
        common.applyLogLevel();
        return run();
    }

    abstract int run() throws Exception;
}
