package dev.dealroom.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a resource method that counts its request against the login's write rate itself, in the statement that makes
 * the change ({@link RateLimits#COUNT_WRITE}), so that {@link WriteRateFilter} does not count it a second time in a
 * transaction of its own.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CountsItsWrite {
}
