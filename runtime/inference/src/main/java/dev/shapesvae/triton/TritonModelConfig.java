package dev.shapesvae.triton;

import dev.shapesvae.repository.BundleGraph;
import dev.shapesvae.repository.ModelKind;
import java.util.List;

/**
 * The {@code config.pbtxt} of one exported graph: a Triton {@code ModelConfig} for the
 * onnxruntime backend with the tensor names of our /v2 models, every version served (the newest
 * by default, as our server does), dynamic batching and one instance group. Dimensions leave out
 * the batch, which Triton adds because {@code max_batch_size} is set.
 *
 * @param name the Triton model's name, such as {@code paper-vae-encoder}
 * @param input the one input
 * @param outputs the outputs, in graph order
 */
public record TritonModelConfig(String name, Tensor input, List<Tensor> outputs, TritonOptions options) {
    public TritonModelConfig {
        outputs = List.copyOf(outputs);
    }

    /** A float32 tensor of {@code width} values a row. */
    public record Tensor(String name, int width) {
    }

    /** The configuration of one graph of a model. */
    public static TritonModelConfig of(BundleGraph graph, String model, ModelKind kind, int latentDim, TritonOptions options) {
        List<Tensor> outputs = graph.outputs(kind).stream().map(name -> new Tensor(name, graph.outputWidth(latentDim))).toList();
        return new TritonModelConfig(graph.qualifiedName(model), new Tensor(graph.input(), graph.inputWidth(latentDim)), outputs, options);
    }

    /** The configuration in protobuf text format, as Triton reads it from {@code config.pbtxt}. */
    public String toPbtxt() {
        StringBuilder text = new StringBuilder()
                .append("# Written by shapes-vae (runtime export-triton): Triton's ModelConfig in protobuf text format.\n")
                .append("name: \"").append(name).append("\"\n")
                .append("backend: \"onnxruntime\"\n")
                .append("max_batch_size: ").append(options.maxBatchSize()).append('\n')
                .append("version_policy: { all: {} }\n")
                .append("input [\n");
        tensor(text, input);
        text.append("\n]\noutput [\n");
        for (int i = 0; i < outputs.size(); i++) {
            tensor(text.append(i == 0 ? "" : ",\n"), outputs.get(i));
        }
        return text.append("\n]\n")
                .append("dynamic_batching {\n")
                .append("  max_queue_delay_microseconds: ").append(options.maxQueueDelayMicroseconds()).append('\n')
                .append("}\n")
                .append("instance_group [\n")
                .append("  {\n")
                .append("    count: ").append(options.instances()).append('\n')
                .append("    kind: ").append(options.device().instanceKind()).append('\n')
                .append("  }\n")
                .append("]\n")
                .toString();
    }

    private static void tensor(StringBuilder text, Tensor tensor) {
        text.append("  {\n")
                .append("    name: \"").append(tensor.name()).append("\"\n")
                .append("    data_type: TYPE_FP32\n")
                .append("    dims: [ ").append(tensor.width()).append(" ]\n")
                .append("  }");
    }
}
