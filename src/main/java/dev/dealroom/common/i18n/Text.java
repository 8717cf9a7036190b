package dev.dealroom.common.i18n;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A human text not yet put in words: a catalogue key and its named parameters. It is rendered in the reader's
 * language when the response or the email is written ({@link Messages#render}), so a service that refuses a request
 * need not know who reads the refusal.
 *
 * @param key  a key of {@code i18n/messages_<language>.properties}
 * @param args the values of its {@code {name}} placeholders; a number named {@code count} also picks the plural
 *             form ({@code key.one} / {@code key.other}) when the catalogue has them
 */
public record Text(String key, Map<String, Object> args) {

    public Text {
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    /** A text: its key, then its parameters as name, value, name, value… */
    public static Text of(String key, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Parameters come as name, value pairs: " + key);
        }
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            args.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Text(key, args);
    }

    /** This text in English, for logs and exception messages. */
    @Override
    public String toString() {
        return Messages.render(Language.FALLBACK, this);
    }
}
