package dev.shapesvae.repository;

import java.util.List;

/**
 * The shape of both networks: multilayer perceptrons on the flattened image with ReLU hidden
 * layers, dropout after each hidden activation while training, and optional layer normalisation
 * before each activation.
 */
public record Architecture(List<Integer> encoderHidden, List<Integer> decoderHidden, double dropout, boolean layerNorm) {
    public Architecture {
        encoderHidden = List.copyOf(encoderHidden);
        decoderHidden = List.copyOf(decoderHidden);
        for (int width : encoderHidden) {
            Checks.positive("encoder hidden width", width);
        }
        for (int width : decoderHidden) {
            Checks.positive("decoder hidden width", width);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }
}
