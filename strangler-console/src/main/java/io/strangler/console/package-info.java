/**
 * The operator console: {@link io.strangler.console.ConsoleModel}, the JSON model of a router's routes and rollouts;
 * {@link io.strangler.console.ConsoleHistory}, the chart series; {@link io.strangler.console.ConsoleCommands} and
 * {@link io.strangler.console.ConsoleAudit}, the audited controls; {@link io.strangler.console.ConsolePage}, the one
 * page that renders them live or as a report; {@link io.strangler.console.StranglerConsole}, the server for plain
 * Java; and {@link io.strangler.console.ConsoleTimeline}, the recorded run a report is written from.
 */
@NullMarked
package io.strangler.console;

import org.jspecify.annotations.NullMarked;
