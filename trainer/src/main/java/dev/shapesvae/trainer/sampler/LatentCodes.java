package dev.shapesvae.trainer.sampler;

import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.trainer.data.TrainingData;
import dev.shapesvae.trainer.model.ModelGraph;
import java.util.Arrays;
import java.util.Objects;

/**
 * The codes a latent sampler is fitted to: the encoder's output in evaluation mode (a VAE's mean,
 * an autoencoder's z) for every distinct image of a split's training part, and of its validation
 * part, which chooses among fits. The record shares its arrays, as {@link FloatMatrix} does, and
 * like it is equal to another by the values they hold, not by the arrays' identity.
 *
 * @param encoderOutput the encoder output the codes are: {@code mean} or {@code z}
 * @param train one row of L values per training image
 * @param validation one row of L values per validation image
 */
public record LatentCodes(String encoderOutput, long splitSeed, double trainFraction, double[][] train, double[][] validation) {
    public LatentCodes {
        if (train.length == 0 || validation.length == 0) {
            throw new IllegalArgumentException("codes need training and validation rows, got " + train.length + " and " + validation.length);
        }
        if (train[0].length != validation[0].length) {
            throw new IllegalArgumentException("training codes have " + train[0].length + " values, validation codes " + validation[0].length);
        }
    }

    /** The codes of a trained TensorFlow graph in evaluation mode, which the ONNX export reproduces to float rounding. */
    public static LatentCodes of(ModelGraph graph, TrainingData data) {
        int latent = graph.config().latentDim();
        double[][] train = rows(graph.encode(data.trainPixels(), data.trainRows()).get(0), latent);
        double[][] validation = rows(graph.encode(data.validationPixels(), data.validationRows()).get(0), latent);
        return new LatentCodes(output(graph.config().kind()), data.split().seed(), data.split().trainFraction(), train, validation);
    }

    /** The codes of a bundle's encoder, run by ONNX Runtime. */
    public static LatentCodes of(GenerativeModel model, TrainingData data) {
        double[][] train = rows(model.encode(new FloatMatrix(data.trainRows(), Canvas.PIXELS, data.trainPixels())).z());
        double[][] validation = rows(model.encode(new FloatMatrix(data.validationRows(), Canvas.PIXELS, data.validationPixels())).z());
        return new LatentCodes(output(model.kind()), data.split().seed(), data.split().trainFraction(), train, validation);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatentCodes other && encoderOutput.equals(other.encoderOutput) && splitSeed == other.splitSeed
                && Double.compare(trainFraction, other.trainFraction) == 0 && Arrays.deepEquals(train, other.train)
                && Arrays.deepEquals(validation, other.validation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(encoderOutput, splitSeed, trainFraction, Arrays.deepHashCode(train), Arrays.deepHashCode(validation));
    }

    /** The latent dimension L. */
    public int latentDim() {
        return train[0].length;
    }

    private static String output(ModelKind kind) {
        return kind.encoderOutputs().get(0);
    }

    private static double[][] rows(FloatMatrix codes) {
        return rows(codes.data(), codes.columns());
    }

    private static double[][] rows(float[] values, int width) {
        double[][] rows = new double[values.length / width][width];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < width; j++) {
                rows[i][j] = values[i * width + j];
            }
        }
        return rows;
    }
}
