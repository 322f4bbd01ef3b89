package dev.shapesvae.server.v2.grpc;

import dev.shapesvae.server.ApiException;
import dev.shapesvae.server.v2.Datatype;
import dev.shapesvae.server.v2.TensorValues;
import dev.shapesvae.server.v2.proto.GrpcService.InferTensorContents;

/** An input's values in gRPC's typed contents: {@code fp32_contents} for FP32, {@code fp64_contents} for FP64. */
record TypedValues(InferTensorContents contents, String where) implements TensorValues {
    @Override
    public float[] floats(Datatype datatype) {
        return switch (datatype) {
            case FP32 -> {
                requireEmpty(contents.getFp64ContentsCount(), "fp64_contents", datatype, "fp32_contents");
                float[] values = new float[contents.getFp32ContentsCount()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = contents.getFp32Contents(i);
                }
                yield values;
            }
            case FP64 -> {
                requireEmpty(contents.getFp32ContentsCount(), "fp32_contents", datatype, "fp64_contents");
                float[] values = new float[contents.getFp64ContentsCount()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) contents.getFp64Contents(i);
                }
                yield values;
            }
            case FP16 -> throw ApiException.badRequest(where + ": FP16 has no typed contents; send its values as raw_input_contents");
        };
    }

    private void requireEmpty(int count, String field, Datatype datatype, String expected) {
        if (count > 0) {
            throw ApiException.badRequest(where + "." + field + " holds values, but " + datatype + " values go in " + expected);
        }
    }
}
