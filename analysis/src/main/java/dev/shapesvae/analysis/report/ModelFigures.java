package dev.shapesvae.analysis.report;

import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.dataset.Shape;
import dev.shapesvae.dataset.ShapeEntry;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.image.Png;
import dev.shapesvae.inference.Decoding;
import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.inference.NearestImages;
import dev.shapesvae.repository.TrainingHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws the figures of one model into a folder and returns their file names by caption: samples,
 * reconstructions, samples beside their nearest valid image, training curves, latent
 * distributions by shape, traversals and the zero-out grid.
 */
public final class ModelFigures {
    /** Entries used as base images for traversals and zero-out: spread over the three shapes. */
    private static final int[] BASE_ENTRIES = {300, 4000, 7000, 1500, 5500};
    private static final double[] TRAVERSAL = {-3, -2, -1, 0, 1, 2, 3};

    private final ShapesDataset dataset;
    private final NearestImages search;
    private final long seed;

    public ModelFigures(ShapesDataset dataset, NearestImages search, long seed) {
        this.dataset = dataset;
        this.search = search;
        this.seed = seed;
    }

    /** Writes every figure of {@code model} under {@code dir}, file names prefixed by {@code prefix}. */
    public Map<String, String> draw(GenerativeModel model, String label, Path dir, String prefix, FloatMatrix entryLatents) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        int latent = model.latentDim();

        Decoding samples = model.sample(64, seed, 1.0);
        files.put("Samples from N(0, I)", write(dir, prefix + "-samples.png",
                new LabelledGrid(label + ": 64 samples", 8, 3, List.of(), List.of(), List.of()).render(rows(samples.probs(), 64))));

        int[] inputs = {0, 700, 1500, 2500, 3100, 3800, 4600, 5500, 6000, 6500, 7000, 7600};
        FloatMatrix originals = new FloatMatrix(inputs.length, Canvas.PIXELS, dataset.pixels(
                java.util.Arrays.stream(inputs).map(i -> dataset.entries().get(i).distinctIndex()).toArray()));
        FloatMatrix reconstructed = model.reconstruct(originals).probs();
        List<float[]> pairs = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            pairs.add(originals.row(i));
            pairs.add(reconstructed.row(i));
        }
        files.put("Reconstructions: each input beside its reconstruction", write(dir, prefix + "-reconstructions.png",
                new LabelledGrid(label + ": input | reconstruction", 8, 3, List.of("input", "recon", "input", "recon", "input", "recon",
                        "input", "recon"), List.of(), List.of()).render(pairs)));

        FloatMatrix few = model.sample(12, seed + 7, 1.0).probs();
        NearestImages.Match[] matches = search.nearest(few);
        List<float[]> beside = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < few.rows(); i++) {
            beside.add(few.row(i));
            beside.add(dataset.distinctImages().get(matches[i].index()).toFloats());
            captions.add(String.format(Locale.ROOT, "d = %.2f", matches[i].distance()));
            captions.add(dataset.firstEntryOf(matches[i].index()).shape().label());
        }
        files.put("Samples beside their nearest valid image, with the distance", write(dir, prefix + "-nearest.png",
                new LabelledGrid(label + ": sample | nearest valid image", 8, 3, List.of(), List.of(), captions).render(beside)));

        Path history = model.bundle().directory().resolve(model.bundle().manifest().training().historyFile());
        if (Files.exists(history)) {
            files.put("Training curves", write(dir, prefix + "-training.png", Charts.trainingCurves(label + ": loss per epoch", new TrainingHistory(history).rows())));
        }

        double[][][] byShape = new double[latent][Shape.values().length][];
        for (int d = 0; d < latent; d++) {
            for (Shape shape : Shape.values()) {
                int dim = d;
                byShape[d][shape.ordinal()] = dataset.entries().stream().filter(e -> e.shape() == shape)
                        .mapToDouble(e -> entryLatents.data()[e.index() * latent + dim]).toArray();
            }
        }
        files.put("Latent distributions by shape", write(dir, prefix + "-latents-by-shape.png", Charts.latentDistributions(label, byShape)));

        for (int b = 0; b < 3; b++) {
            ShapeEntry base = dataset.entries().get(BASE_ENTRIES[b]);
            float[] z = entryLatents.row(base.index());
            List<float[]> cells = new ArrayList<>();
            List<String> rowLabels = new ArrayList<>();
            for (int d = 0; d < latent; d++) {
                cells.addAll(rows(model.traverse(z, d, TRAVERSAL).probs(), TRAVERSAL.length));
                rowLabels.add("z" + d);
            }
            List<String> columnLabels = java.util.Arrays.stream(TRAVERSAL).mapToObj(v -> String.format(Locale.ROOT, "%+.0f", v)).toList();
            files.put("Traversals of " + base.describe() + " (rows: dimensions; columns: value from -3 to 3)",
                    write(dir, prefix + "-traversal-" + (b + 1) + ".png",
                            new LabelledGrid(label + ": traversals of " + base.describe(), TRAVERSAL.length, 2, columnLabels, rowLabels, List.of()).render(cells)));
        }

        List<float[]> zeroCells = new ArrayList<>();
        List<String> zeroRows = new ArrayList<>();
        List<String> zeroColumns = new ArrayList<>(List.of("input", "recon"));
        for (int d = 0; d < latent; d++) {
            zeroColumns.add("z" + d + "=0");
        }
        for (int entry : BASE_ENTRIES) {
            ShapeEntry e = dataset.entries().get(entry);
            float[] z = entryLatents.row(e.index());
            zeroCells.add(e.image().toFloats());
            zeroCells.add(model.decode(new FloatMatrix(1, latent, z)).probs().row(0));
            float[] zeroed = new float[latent * latent];
            for (int d = 0; d < latent; d++) {
                System.arraycopy(z, 0, zeroed, d * latent, latent);
                zeroed[d * latent + d] = 0;
            }
            zeroCells.addAll(rows(model.decode(new FloatMatrix(latent, latent, zeroed)).probs(), latent));
            zeroRows.add(e.shape().label() + " " + e.size());
        }
        files.put("Zero-out: each dimension set to 0 in turn, for 5 images", write(dir, prefix + "-zero-out.png",
                new LabelledGrid(label + ": zero-out", latent + 2, 2, zeroColumns, zeroRows, List.of()).render(zeroCells)));
        return files;
    }

    private static List<float[]> rows(FloatMatrix m, int count) {
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(m.row(i));
        }
        return rows;
    }

    private static String write(Path dir, String name, java.awt.image.BufferedImage image) throws IOException {
        Png.write(image, dir.resolve(name));
        return name;
    }
}
