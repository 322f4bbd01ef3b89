package dev.shapesvae.triton;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.TextFormat;
import java.util.List;

/**
 * The part of Triton's {@code ModelConfig} that our {@code config.pbtxt} files use, built as a
 * protobuf descriptor with the field names, numbers and types of the published
 * {@code model_config.proto} (triton-inference-server/common, protobuf/model_config.proto,
 * package {@code inference}). A file that uses a field or enum value outside it, or misspells one,
 * fails to parse, as it would in Triton.
 */
final class TritonModelConfigSchema {
    private static final String PACKAGE = "inference";
    private static final Descriptors.Descriptor MODEL_CONFIG = build().findMessageTypeByName("ModelConfig");

    private TritonModelConfigSchema() {
    }

    /** Parses protobuf text format strictly: unknown fields and enum values are errors. */
    static DynamicMessage parse(String pbtxt) throws TextFormat.ParseException {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(MODEL_CONFIG);
        TextFormat.getParser().merge(pbtxt, builder);
        return builder.build();
    }

    private static Descriptors.FileDescriptor build() {
        FileDescriptorProto file = FileDescriptorProto.newBuilder()
                .setName("model_config_subset.proto")
                .setPackage(PACKAGE)
                .setSyntax("proto3")
                .addEnumType(enumType("DataType", "TYPE_INVALID", "TYPE_BOOL", "TYPE_UINT8", "TYPE_UINT16", "TYPE_UINT32", "TYPE_UINT64",
                        "TYPE_INT8", "TYPE_INT16", "TYPE_INT32", "TYPE_INT64", "TYPE_FP16", "TYPE_FP32", "TYPE_FP64", "TYPE_STRING", "TYPE_BF16"))
                .addMessageType(DescriptorProto.newBuilder().setName("ModelInstanceGroup")
                        .addEnumType(enumType("Kind", "KIND_AUTO", "KIND_GPU", "KIND_CPU", "KIND_MODEL"))
                        .addField(scalar("name", 1, Type.TYPE_STRING))
                        .addField(enumField("kind", 4, ".inference.ModelInstanceGroup.Kind"))
                        .addField(scalar("count", 2, Type.TYPE_INT32))
                        .addField(repeated(scalar("gpus", 3, Type.TYPE_INT32))))
                .addMessageType(DescriptorProto.newBuilder().setName("ModelInput")
                        .addField(scalar("name", 1, Type.TYPE_STRING))
                        .addField(enumField("data_type", 2, ".inference.DataType"))
                        .addField(repeated(scalar("dims", 4, Type.TYPE_INT64))))
                .addMessageType(DescriptorProto.newBuilder().setName("ModelOutput")
                        .addField(scalar("name", 1, Type.TYPE_STRING))
                        .addField(enumField("data_type", 2, ".inference.DataType"))
                        .addField(repeated(scalar("dims", 3, Type.TYPE_INT64))))
                .addMessageType(DescriptorProto.newBuilder().setName("ModelVersionPolicy")
                        .addNestedType(DescriptorProto.newBuilder().setName("Latest").addField(scalar("num_versions", 1, Type.TYPE_UINT32)))
                        .addNestedType(DescriptorProto.newBuilder().setName("All"))
                        .addNestedType(DescriptorProto.newBuilder().setName("Specific").addField(repeated(scalar("versions", 1, Type.TYPE_INT64))))
                        .addOneofDecl(OneofDescriptorProto.newBuilder().setName("policy_choice"))
                        .addField(message("latest", 1, ".inference.ModelVersionPolicy.Latest").setOneofIndex(0))
                        .addField(message("all", 2, ".inference.ModelVersionPolicy.All").setOneofIndex(0))
                        .addField(message("specific", 3, ".inference.ModelVersionPolicy.Specific").setOneofIndex(0)))
                .addMessageType(DescriptorProto.newBuilder().setName("ModelDynamicBatching")
                        .addField(repeated(scalar("preferred_batch_size", 1, Type.TYPE_INT32)))
                        .addField(scalar("max_queue_delay_microseconds", 2, Type.TYPE_UINT64))
                        .addField(scalar("preserve_ordering", 3, Type.TYPE_BOOL)))
                .addMessageType(DescriptorProto.newBuilder().setName("ModelConfig")
                        .addOneofDecl(OneofDescriptorProto.newBuilder().setName("scheduling_choice"))
                        .addField(scalar("name", 1, Type.TYPE_STRING))
                        .addField(scalar("platform", 2, Type.TYPE_STRING))
                        .addField(scalar("backend", 17, Type.TYPE_STRING))
                        .addField(message("version_policy", 3, ".inference.ModelVersionPolicy"))
                        .addField(scalar("max_batch_size", 4, Type.TYPE_INT32))
                        .addField(repeated(message("input", 5, ".inference.ModelInput")))
                        .addField(repeated(message("output", 6, ".inference.ModelOutput")))
                        .addField(message("dynamic_batching", 11, ".inference.ModelDynamicBatching").setOneofIndex(0))
                        .addField(repeated(message("instance_group", 7, ".inference.ModelInstanceGroup")))
                        .addField(scalar("default_model_filename", 8, Type.TYPE_STRING)))
                .build();
        try {
            return Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[0]);
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException("the ModelConfig schema is malformed: " + e.getMessage(), e);
        }
    }

    private static EnumDescriptorProto enumType(String name, String... values) {
        EnumDescriptorProto.Builder type = EnumDescriptorProto.newBuilder().setName(name);
        List<String> names = List.of(values);
        for (int i = 0; i < names.size(); i++) {
            type.addValue(EnumValueDescriptorProto.newBuilder().setName(names.get(i)).setNumber(i));
        }
        return type.build();
    }

    private static FieldDescriptorProto.Builder scalar(String name, int number, Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type).setLabel(Label.LABEL_OPTIONAL);
    }

    private static FieldDescriptorProto.Builder enumField(String name, int number, String typeName) {
        return scalar(name, number, Type.TYPE_ENUM).setTypeName(typeName);
    }

    private static FieldDescriptorProto.Builder message(String name, int number, String typeName) {
        return scalar(name, number, Type.TYPE_MESSAGE).setTypeName(typeName);
    }

    private static FieldDescriptorProto.Builder repeated(FieldDescriptorProto.Builder field) {
        return field.setLabel(Label.LABEL_REPEATED);
    }
}
