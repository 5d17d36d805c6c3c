package io.cutover.plan;

/** A check that compares this database with another one of the plan, named by {@code against}. */
public interface ParityCheck extends Check {
  String against();
}
