package oasis.cli;

/**
 * Marks a command that honours {@code --output json} (one JSON document on stdout, its shape in
 * docs/CLI.md). Any other command refuses the option with exit 2 instead of printing text.
 */
interface JsonOutput {}
