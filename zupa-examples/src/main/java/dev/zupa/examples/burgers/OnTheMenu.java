package dev.zupa.examples.burgers;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.jspecify.annotations.Nullable;

/**
 * A Jakarta constraint: the text names a dish on the menu (leniently: "cheeseburgers" is the Cheeseburger). When
 * the model asks for something else, the runtime tells it this message instead of running the tool.
 *
 * @since 0.1
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER})
@Constraint(validatedBy = OnTheMenu.Check.class)
public @interface OnTheMenu {

    /**
     * The message the model reads.
     *
     * @return the message
     */
    String message() default "is not on the menu; the menu has " + Menu.NAMES;

    /**
     * Validation groups.
     *
     * @return the groups
     */
    Class<?>[] groups() default {};

    /**
     * Validation payload.
     *
     * @return the payload
     */
    Class<? extends Payload>[] payload() default {};

    /**
     * Checks a name against the menu; null is left to {@code @NotNull}.
     *
     * @since 0.1
     */
    final class Check implements ConstraintValidator<OnTheMenu, String> {

        /** Creates the check; the validator does so. */
        public Check() {}

        /**
         * Whether the name is on the menu.
         *
         * @param value the name, or null
         * @param context the validation context
         * @return true when the name finds a dish, or is null
         */
        @Override
        public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
            return value == null || Menu.find(value).isPresent();
        }
    }
}
