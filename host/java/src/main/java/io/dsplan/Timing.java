package io.dsplan;

/**
 * The pod lifecycle latencies a rollout assumes, in seconds (ABI field {@code timing}; CLI
 * {@code --pod-start-seconds}, {@code --readiness-seconds}, {@code --termination-seconds}). Pass
 * {@code null} instead of a {@code Timing} for the CLI's defaults.
 *
 * @param podStartSeconds from binding to containers started
 * @param readinessSeconds from started to Ready
 * @param terminationSeconds from deletion to gone
 */
public record Timing(long podStartSeconds, long readinessSeconds, long terminationSeconds) {}
