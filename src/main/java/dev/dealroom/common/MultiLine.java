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

import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/**
 * Plain text that may span lines (bodies, descriptions, comments): no control characters but line feeds and
 * tabs, no half surrogate pairs. Null is valid. Reported as {@code invalid-format}.
 *
 * @see Texts
 */
@Documented
@Constraint(validatedBy = MultiLine.Validator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface MultiLine {

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Reports the text's first problem as the violation's dynamic payload, put in words in the reader's language. */
    class Validator implements ConstraintValidator<MultiLine, CharSequence> {

        @Override
        public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
            if (text == null) {
                return true;
            }
            return Texts.problem(text, Texts.Lines.MULTI).map(problem -> {
                context.disableDefaultConstraintViolation();
                // the English text as the message (no expression language: it is literal), the text itself as payload
                HibernateConstraintValidatorContext hibernate = context.unwrap(HibernateConstraintValidatorContext.class);
                hibernate.withDynamicPayload(problem);
                hibernate.buildConstraintViolationWithTemplate(problem.toString().replace("{", "\\{")
                        .replace("}", "\\}").replace("$", "\\$")).addConstraintViolation();
                return false;
            }).orElse(true);
        }
    }
}
