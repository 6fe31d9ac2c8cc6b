package org.sharercloud.store.internal;

import java.util.Locale;

/** The two databases we support and the few type names in which their SQL differs. */
public enum Dialect {
    DERBY("CLOB", "BLOB"),
    POSTGRESQL("TEXT", "BYTEA");

    private final String text;
    private final String blob;

    Dialect(String text, String blob) {
        this.text = text;
        this.blob = blob;
    }

    /** The dialect of a JDBC URL; 400-style message for anything else. */
    public static Dialect ofUrl(String url) {
        if (url.startsWith("jdbc:derby:")) {
            return DERBY;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("jdbc.url must start with jdbc:derby: or jdbc:postgresql:, got " + url);
    }

    /** Replaces the {@code ${TEXT}} and {@code ${BLOB}} placeholders of a migration. */
    public String expand(String sql) {
        return sql.replace("${TEXT}", text).replace("${BLOB}", blob);
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
