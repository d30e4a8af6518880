package io.sftpsync.db.schema;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A service's own PostgreSQL schema and the Flyway migrations that build it. A service that needs a database
 * declares one as a bean; {@link ServiceSchemaMigrations} creates the schema when it is missing and migrates it,
 * with the schema's own {@code flyway_schema_history} table, before JPA starts. The service's entities name the
 * schema: {@code @Table(name = "checkpoint", schema = "large_transfer")}.
 *
 * @param schema            the schema's name: lower-case letters, digits and {@code _}, starting with a letter,
 *                          at most 63 characters (PostgreSQL's limit); never {@code public}
 * @param migrationLocation Flyway location of the service's migrations, such as
 *                          {@code classpath:db/migration/large_transfer}
 */
public record ServiceSchema(String schema, String migrationLocation) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    /** Schemas every database has: sharing one would mix a service's tables with others'. */
    private static final Set<String> RESERVED = Set.of("public", "information_schema");

    public ServiceSchema {
        Objects.requireNonNull(schema, "schema must not be null");
        Objects.requireNonNull(migrationLocation, "migrationLocation must not be null");
        if (!NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema must be lower-case letters, digits and '_', starting with a"
                    + " letter, at most 63 characters: '" + schema + "'");
        }
        if (RESERVED.contains(schema) || schema.startsWith("pg_")) {
            throw new IllegalArgumentException("schema '" + schema + "' is not a service's own: choose another name");
        }
        if (migrationLocation.isBlank()) {
            throw new IllegalArgumentException("migrationLocation must not be blank (schema '" + schema + "')");
        }
    }

    /**
     * The schema with its migrations in the conventional place, {@code classpath:db/migration/<schema>}.
     *
     * @param schema the schema's name (see the record's rules)
     */
    public ServiceSchema(String schema) {
        this(schema, "classpath:db/migration/" + schema);
    }
}
