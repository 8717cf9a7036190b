package dev.dealroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.dealroom.common.error.ApiException;

/** A query number is refused rather than wrapped round or guessed at. */
class NumbersTest {

    @ParameterizedTest
    @CsvSource({ "4294967297,out-of-range", "2147483648,out-of-range", "-2147483649,out-of-range",
            "99999999999999999999,out-of-range", "1.5,invalid-value", "1e3,invalid-value", "0x10,invalid-value",
            "'',invalid-value", "five,invalid-value" })
    void refusedIntegers(String value, String code) {
        ApiException refused = assertThrows(ApiException.class, () -> Numbers.parseInt("limit", value));
        assertEquals(code, refused.errors().get(0).code());
        assertEquals("limit", refused.errors().get(0).field());
    }

    @Test
    void theWholeRangeIsAccepted() {
        assertEquals(Integer.MAX_VALUE, Numbers.parseInt("limit", "2147483647"));
        assertEquals(Integer.MIN_VALUE, Numbers.parseInt("limit", "-2147483648"));
        assertEquals(Long.MAX_VALUE, Numbers.parseLong("before", "9223372036854775807"));
        assertEquals(7, Numbers.parseInt("limit", " +7 "));
    }
}
