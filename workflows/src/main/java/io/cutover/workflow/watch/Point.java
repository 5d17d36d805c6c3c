package io.cutover.workflow.watch;

/** One value of a metric at a sample's scheduled time (epoch ms). */
public record Point(long t, double v) {}
