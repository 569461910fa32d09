package io.tradeflow.platform.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.function.Function;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Reads Integer and Boolean query and path parameters so that a wrong value is a 400 naming the parameter. JAX-RS
 * itself answers 404 with no reason for {@code page=abc}, and takes {@code stuck=maybe} as false without a word.
 */
@Provider
public class ParameterConverters implements ParamConverterProvider {

    /** A parameter that could not be read; wrapped by JAX-RS in a NotFoundException, unwrapped by ProblemMappers. */
    public static final class InvalidParameterException extends IllegalArgumentException {
        private final String field;

        InvalidParameterException(String field, String reason) {
            super(reason);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = name(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == Integer.class) {
            return (ParamConverter<T>) converter(name, ParameterConverters::wholeNumber, "must be a whole number");
        }
        if (rawType == Boolean.class) {
            return (ParamConverter<T>) converter(name, ParameterConverters::trueOrFalse, "must be true or false");
        }
        return null;
    }

    private static <V> ParamConverter<V> converter(String name, Function<String, V> read, String reason) {
        return new ParamConverter<>() {
            @Override
            public V fromString(String value) {
                if (value == null) {
                    return null;
                }
                V parsed;
                try {
                    parsed = read.apply(value.trim());
                } catch (IllegalArgumentException e) {
                    parsed = null;
                }
                if (parsed == null) {
                    throw new InvalidParameterException(name, reason + ", was " + shown(value));
                }
                return parsed;
            }

            @Override
            public String toString(V value) {
                return String.valueOf(value);
            }
        };
    }

    private static Integer wholeNumber(String value) {
        return Integer.valueOf(value);
    }

    private static Boolean trueOrFalse(String value) {
        return "true".equalsIgnoreCase(value) ? Boolean.TRUE : "false".equalsIgnoreCase(value) ? Boolean.FALSE : null;
    }

    /** The value as sent, shortened, so that a problem never echoes a kilobyte of someone's query string. */
    private static String shown(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }

    private static String name(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof PathParam p) {
                return p.value();
            }
        }
        return null;
    }
}
