package dev.shapesvae.server.v2.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A protocol message as the JSON Triton's REST API answers with: protobuf's JSON mapping with the
 * .proto field names and every field present, except that 64-bit integers are JSON numbers (protobuf
 * writes them as strings; Triton, and the clients reading {@code dims} or counts, use numbers).
 */
final class ProtoJson {
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().preservingProtoFieldNames().includingDefaultValueFields();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<FieldDescriptor.Type> LONGS = EnumSet.of(FieldDescriptor.Type.INT64, FieldDescriptor.Type.UINT64,
            FieldDescriptor.Type.SINT64, FieldDescriptor.Type.FIXED64, FieldDescriptor.Type.SFIXED64);

    private ProtoJson() {
    }

    static JsonNode of(MessageOrBuilder message) {
        try {
            ObjectNode json = (ObjectNode) MAPPER.readTree(PRINTER.print(message));
            numbers(message.getDescriptorForType(), json);
            return json;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print " + message.getDescriptorForType().getName() + " as JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each message in its own JSON, in a JSON array. */
    static JsonNode array(Iterable<? extends MessageOrBuilder> messages) {
        ArrayNode array = MAPPER.createArrayNode();
        messages.forEach(m -> array.add(of(m)));
        return array;
    }

    private static void numbers(Descriptor type, ObjectNode json) {
        for (FieldDescriptor field : type.getFields()) {
            JsonNode value = json.get(field.getName());
            if (value == null) {
                continue;
            }
            if (field.isMapField()) {
                FieldDescriptor mapValue = field.getMessageType().findFieldByName("value");
                ObjectNode map = (ObjectNode) value;
                for (String key : keys(map)) {
                    map.set(key, number(mapValue, map.get(key)));
                }
            } else if (field.isRepeated()) {
                ArrayNode list = (ArrayNode) value;
                for (int i = 0; i < list.size(); i++) {
                    list.set(i, number(field, list.get(i)));
                }
            } else {
                json.set(field.getName(), number(field, value));
            }
        }
    }

    private static JsonNode number(FieldDescriptor field, JsonNode value) {
        if (LONGS.contains(field.getType()) && value.isTextual()) {
            return JsonNodeFactory.instance.numberNode(new BigInteger(value.asText()));
        }
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && value.isObject()) {
            numbers(field.getMessageType(), (ObjectNode) value);
        }
        return value;
    }

    private static List<String> keys(ObjectNode map) {
        List<String> keys = new ArrayList<>();
        map.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
