package dev.zupa.examples.dashboard;

/**
 * The latency of one stage (a whole turn, a reply, or one kind of provider call) and one outcome, in milliseconds;
 * a percentile the server has not measured yet is NaN.
 */
record StageLatency(String stage, String outcome, long count, double p50, double p95, double p99, double max) {}
