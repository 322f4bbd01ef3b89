package dev.shapesvae.inference;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.shapesvae.dataset.BinaryImage;
import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.onnx.ExtraOperators;
import dev.shapesvae.onnx.OnnxModels;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Finds, for each image, the nearest of a fixed set of binary images by Euclidean distance.
 *
 * <p>How it is fast: |g - v|^2 = |g|^2 - 2 g.v + |v|^2, and |g|^2 is the same for every v, so
 * the nearest v minimises |v|^2 - 2 g.v. For a whole batch that is one matrix product G V^T plus
 * a row of constants, followed by an arg-min, which ONNX Runtime runs as one small graph with its
 * optimised GEMM (multi-threaded, SIMD). Only the winner's distance is then computed exactly, in
 * double precision, over its 784 pixels. Ties go to the lowest index, as ONNX's ArgMin keeps the
 * first minimum. Safe for concurrent use.
 */
public final class NearestImages implements AutoCloseable {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    private static final int BATCH = 1024;

    private final List<BinaryImage> targets;
    private final OrtSession session;

    /** The match of one image: the index of its nearest target and the Euclidean distance to it. */
    public record Match(int index, double distance) {
    }

    /** Builds the search over these images (at least one) as an ONNX Runtime session; {@link #close()} releases it. */
    public NearestImages(List<BinaryImage> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no images to search");
        }
        this.targets = List.copyOf(targets);
        try {
            session = ENV.createSession(graph(this.targets), new OrtSession.SessionOptions());
        } catch (OrtException e) {
            throw new IllegalStateException("cannot build the nearest-image search: " + e.getMessage(), e);
        }
    }

    /** The search as an ONNX model: {@code images} float32 [N, 784] to the index of each row's nearest target, int64 [N]. */
    public static byte[] graph(List<BinaryImage> targets) {
        int k = targets.size();
        float[] transposed = new float[Canvas.PIXELS * k];
        float[] squaredNorms = new float[k];
        for (int j = 0; j < k; j++) {
            BinaryImage v = targets.get(j);
            for (int p : v.onIndices()) {
                transposed[p * k + j] = 1f;
            }
            squaredNorms[j] = v.onCount();
        }
        ONNXContext ctx = new ONNXContext();
        ctx.setName("nearest-images");
        ONNXRef<?> images = ctx.floatInput("images", Canvas.PIXELS);
        ONNXInitializer vt = ctx.floatTensor("targets_t", List.of(Canvas.PIXELS, k), b -> b.put(transposed));
        ONNXInitializer norms = ctx.floatTensor("target_norms", List.of(k), b -> b.put(squaredNorms));
        ONNXRef<?> scores = ctx.operation(ONNXOperators.GEMM, List.<ONNXRef<?>>of(images, vt, norms), "scores",
                Map.<String, Object>of("alpha", -2f, "beta", 1f));
        ONNXRef<?> nearest = ctx.operation(ExtraOperators.ARG_MIN, List.<ONNXRef<?>>of(scores), "nearest",
                Map.<String, Object>of("axis", 1, "keepdims", 0));
        OnnxMl.TypeProto int64Vector = OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(OnnxMl.TensorProto.DataType.INT64.getNumber())
                .setShape(OnnxMl.TensorShapeProto.newBuilder().addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))))
                .build();
        OnnxMl.GraphProto graph = ctx.buildGraph().toBuilder()
                .addOutput(OnnxMl.ValueInfoProto.newBuilder().setName(nearest.getReference()).setType(int64Vector))
                .build();
        return OnnxModels.model(graph, "Index of the nearest of " + k + " binary images for each row of images, by Euclidean distance.");
    }

    /** The targets searched, in index order. */
    public List<BinaryImage> targets() {
        return targets;
    }

    /** The nearest target of every row of {@code images} [N, 784]. */
    public Match[] nearest(FloatMatrix images) {
        if (images.columns() != Canvas.PIXELS) {
            throw new IllegalArgumentException("images must have " + Canvas.PIXELS + " values a row, got " + images.columns());
        }
        Match[] matches = new Match[images.rows()];
        for (int from = 0; from < images.rows(); from += BATCH) {
            int to = Math.min(images.rows(), from + BATCH);
            long[] indices = argMin(images.rows() <= BATCH ? images : images.rows(from, to));
            for (int i = from; i < to; i++) {
                int index = (int) indices[i - from];
                matches[i] = new Match(index, distance(images.data(), i * Canvas.PIXELS, targets.get(index)));
            }
        }
        return matches;
    }

    private long[] argMin(FloatMatrix batch) {
        try (OnnxTensor input = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(batch.data()), new long[] {batch.rows(), Canvas.PIXELS});
             OrtSession.Result result = session.run(Map.of("images", input))) {
            LongBuffer buffer = ((OnnxTensor) result.get(0)).getLongBuffer();
            long[] indices = new long[buffer.remaining()];
            buffer.get(indices);
            return indices;
        } catch (OrtException e) {
            throw new IllegalStateException("nearest-image search failed: " + e.getMessage(), e);
        }
    }

    /** Exact Euclidean distance between row {@code offset} of {@code pixels} and a binary image. */
    public static double distance(float[] pixels, int offset, BinaryImage v) {
        double sum = 0;
        for (int p = 0; p < Canvas.PIXELS; p++) {
            double diff = pixels[offset + p] - (v.isOn(p) ? 1.0 : 0.0);
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
