package io.cutover.activities;

import io.cutover.plan.Database;

/** A database from the plan's resources, with the name the plan gives it. */
public record DbRef(String name, Database database) {}
