package dev.dealroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dealroom.common.ContentTypes.Refusal;

/** The Content-Type grammar: what clients really send passes, anything else gets its code. */
class ContentTypesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "application/json",
            "application/json; charset=UTF-8",
            "application/json;charset=utf-8",
            "Application/JSON ; Charset=utf-8",
            "application/merge-patch+json",
            "text/plain; charset=\"ISO-8859-1\"",
            "text/plain; format=\"a \\\"quoted\\\" value\"",
            "application/json;;",
            "application/octet-stream",
            "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
            "multipart/form-data; boundary=---------------------------9051914041544843365972754266",
            "multipart/form-data; boundary=\"simple boundary\"",
            "multipart/form-data; charset=UTF-8; boundary=\"abc'()+_,-./:=?\"",
    })
    void acceptsWhatClientsSend(String value) {
        assertEquals(Optional.empty(), ContentTypes.check(value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            ";;;                                          | malformed-content-type",
            "/                                            | malformed-content-type",
            "''                                           | malformed-content-type",
            "application                                  | malformed-content-type",
            "application/                                 | malformed-content-type",
            "/json                                        | malformed-content-type",
            "application/json; charset                    | malformed-content-type",
            "application/json; charset=                   | malformed-content-type",
            "application/json; =utf-8                     | malformed-content-type",
            "application/json charset=utf-8               | malformed-content-type",
            "application/json; charset=\"utf-8            | malformed-content-type",
            "application/json; charset=utf-8; charset=utf-8 | malformed-content-type",
            "application/js on                            | malformed-content-type",
            "application/json; charset=utf-8 x            | malformed-content-type",
            "text/plain; a=\"\u0001\"                     | malformed-content-type",
            "appl\u00e9cation/json                        | malformed-content-type",
            "application/json; charset=no-such-charset    | unsupported-media-type",
            "application/json; charset=\"bad name!\"      | unsupported-media-type",
            "multipart/form-data                          | malformed-multipart",
            "multipart/form-data; charset=utf-8           | malformed-multipart",
            "multipart/form-data; boundary=\"\"           | malformed-multipart",
            "multipart/form-data; boundary=\"a;b\"        | malformed-multipart",
            "multipart/form-data; boundary=\"ends with \" | malformed-multipart",
    })
    void refusesTheRest(String value, String code) {
        assertEquals(code, ContentTypes.check(value).map(refusal -> refusal.code().code()).orElse("accepted"), value);
    }

    @ParameterizedTest
    @ValueSource(ints = { 70, 71 })
    void aBoundaryHasAtMostSeventyCharacters(int length) {
        Optional<Refusal> refusal = ContentTypes.check("multipart/form-data; boundary=" + "b".repeat(length));
        assertEquals(length > 70, refusal.isPresent());
    }
}
