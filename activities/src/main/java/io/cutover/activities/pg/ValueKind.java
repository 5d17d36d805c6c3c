package io.cutover.activities.pg;

import java.util.Locale;

/**
 * What a column holds, as far as moving and comparing values goes. The same kind drives how the
 * copy writes a SQLite value for a PostgreSQL column and how parity checks normalize values of both
 * databases, so that equal data compares equal across the two.
 */
enum ValueKind {
  BOOL,
  INT,
  FLOAT,
  NUMERIC,
  TEXT,
  BYTES,
  DATE,
  TIMESTAMP,
  OTHER;

  /** From a PostgreSQL type name as JDBC or the catalog reports it (int8, bool, timestamptz, …). */
  static ValueKind ofPostgres(String typeName) {
    String t = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
    return switch (t) {
      case "bool", "boolean" -> BOOL;
      case "int2",
          "int4",
          "int8",
          "smallint",
          "integer",
          "bigint",
          "serial",
          "bigserial",
          "smallserial",
          "oid" ->
          INT;
      case "float4", "float8", "real", "double precision" -> FLOAT;
      case "numeric", "decimal" -> NUMERIC;
      case "text",
          "varchar",
          "bpchar",
          "character varying",
          "character",
          "name",
          "citext",
          "uuid",
          "json",
          "jsonb" ->
          TEXT;
      case "bytea" -> BYTES;
      case "date" -> DATE;
      case "timestamp", "timestamptz", "timestamp without time zone", "timestamp with time zone" ->
          TIMESTAMP;
      default -> OTHER;
    };
  }

  /** From a SQLite declared type, through the copy's type mapping. */
  static ValueKind ofSqlite(String declared) {
    return switch (TypeMapping.of(declared)) {
      case BOOLEAN -> BOOL;
      case TIMESTAMP, TIMESTAMPTZ -> TIMESTAMP;
      case DATE -> DATE;
      case BIGINT -> INT;
      case TEXT -> TEXT;
      case BYTEA -> BYTES;
      case DOUBLE -> FLOAT;
      case NUMERIC -> NUMERIC;
    };
  }
}
