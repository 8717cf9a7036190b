package dev.dealroom.common;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Text that shows something: not empty, not only spaces or zero-width characters (a name nobody can see or
 * click). Null is valid: pair it with {@code @NotNull} where the text is required. Reported as {@code required}.
 *
 * @see Texts#rendersSomething(CharSequence)
 */
@Documented
@Constraint(validatedBy = Visible.Validator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface Visible {

    String message() default "must contain at least one visible character";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks {@link Texts#rendersSomething(CharSequence)}. */
    class Validator implements ConstraintValidator<Visible, CharSequence> {

        @Override
        public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
            return text == null || Texts.rendersSomething(text);
        }
    }
}
