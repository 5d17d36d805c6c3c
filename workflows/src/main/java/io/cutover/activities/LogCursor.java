package io.cutover.activities;

/**
 * Where reading a log file stopped: the file's identity (so a rotated file is noticed) and the byte
 * offset just after the last complete line read.
 */
public record LogCursor(String fileKey, long offset) {}
