package org.jinglegateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Collectors;

/**
 * Binds the merged settings tree to {@link GatewayConfig}, turning Jackson's complaints into one line that names the
 * key (dotted, as in conf/gateway.yaml) and what it expected.
 */
final class ConfigBinding {
    private ConfigBinding() {
    }

    /** The settings in the tree, or a {@link ConfigException} naming the key and what it expected. */
    static GatewayConfig bind(ObjectMapper yaml, ObjectNode tree) throws ConfigException {
        try {
            return yaml.treeToValue(tree, GatewayConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(path(e), "unknown setting");
        } catch (InvalidFormatException e) {
            String expected = e.getTargetType().isEnum()
                    ? "one of " + java.util.Arrays.stream(e.getTargetType().getEnumConstants())
                            .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT))
                            .collect(Collectors.joining(", "))
                    : typeName(e.getTargetType());
            throw new ConfigException(path(e), "expected " + expected + ", found \"" + e.getValue() + "\"");
        } catch (MismatchedInputException e) {
            throw new ConfigException(path(e), "expected " + typeName(e.getTargetType()));
        } catch (JsonProcessingException e) {
            throw new ConfigException("config", e.getOriginalMessage());
        }
    }

    private static String typeName(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return type == String.class ? "text" : "a mapping";
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
