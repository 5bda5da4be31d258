package oasis.workflow;

import java.time.Clock;
import java.util.function.Consumer;
import oasis.config.Project;

/**
 * What every workflow takes from its caller besides the request: the project, where progress goes,
 * and the command line a lock records as its owner.
 *
 * @param project the loaded project
 * @param progress progress lines for people (stderr on the command line)
 * @param command the command line, for the environment's lock
 * @param clock the clock of ledgers and locks
 */
public record Session(Project project, Consumer<String> progress, String command, Clock clock) {}
