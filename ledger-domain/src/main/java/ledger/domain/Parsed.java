package ledger.domain;

import java.util.function.Function;

/**
 * The result of reading a value from untrusted input: the value, or the reason and message of the
 * rejection it earns.
 */
public sealed interface Parsed<T> {

    record Valid<T>(T value) implements Parsed<T> {}

    record Invalid<T>(Reason reason, String message) implements Parsed<T> {}

    /** The value mapped, or the same rejection. */
    default <R> Parsed<R> map(Function<T, R> mapper) {
        if (this instanceof Valid<T> valid) {
            return new Valid<>(mapper.apply(valid.value()));
        }
        Invalid<T> invalid = (Invalid<T>) this;
        return new Invalid<>(invalid.reason(), invalid.message());
    }

    static <T> Parsed<T> valid(T value) {
        return new Valid<>(value);
    }

    static <T> Parsed<T> invalid(Reason reason, String message) {
        return new Invalid<>(reason, message);
    }
}
