package dev.shapesvae.server.v2;

import java.util.List;

/** A graph's metadata in the protocol's terms: name, versions, platform, and its tensors (-1: any size). */
public record ModelMetadata(String name, List<String> versions, String platform, List<Tensor> inputs, List<Tensor> outputs) {
    /** A tensor's name, datatype and shape. */
    public record Tensor(String name, String datatype, List<Long> shape) {
    }
}
