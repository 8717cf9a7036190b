package dev.dealroom.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement written with {@code :name} parameters, as Hibernate's native queries take them, for the few writes that
 * go to JDBC directly: the names are turned into JDBC's {@code ?} once, and {@link #prepare} binds them by name. A
 * cast is written {@code cast(x as type)}, never {@code x::type}, which would read as a parameter.
 */
public final class NamedSql {

    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([a-zA-Z][a-zA-Z0-9]*)");

    private final String sql;
    private final List<String> order;

    private NamedSql(String sql, List<String> order) {
        this.sql = sql;
        this.order = List.copyOf(order);
    }

    public static NamedSql of(String text) {
        List<String> order = new ArrayList<>();
        Matcher matcher = PARAMETER.matcher(text);
        StringBuilder jdbc = new StringBuilder();
        while (matcher.find()) {
            order.add(matcher.group(1));
            matcher.appendReplacement(jdbc, "?");
        }
        matcher.appendTail(jdbc);
        return new NamedSql(jdbc.toString(), order);
    }

    /** The JDBC text, with a {@code ?} where each name was. */
    public String jdbc() {
        return sql;
    }

    /**
     * The statement with every parameter bound; a name without a value is refused, so a statement never runs with a
     * forgotten parameter. Nulls are sent untyped: the statement's casts type them.
     */
    public PreparedStatement prepare(Connection connection, Map<String, ?> values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < order.size(); i++) {
                String name = order.get(i);
                if (!values.containsKey(name)) {
                    throw new IllegalArgumentException("No value for :" + name);
                }
                Object value = values.get(name);
                if (value == null) {
                    statement.setNull(i + 1, Types.OTHER);
                } else if (value instanceof Instant instant) {
                    statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
