package dev.shapesvae.analysis.report;

import dev.shapesvae.dataset.Shape;
import dev.shapesvae.dataset.ShapeEntry;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.image.ImageGrid;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A labelled picture of the dataset: one row per size, and for each shape a few entries spread
 * evenly over that size's positions, upscaled so a person can see the pixels.
 */
public final class ContactSheet {
    private static final int PER_SHAPE = 4;
    private static final int SCALE = 3;
    private static final int LABEL_WIDTH = 70;
    private static final int HEADER_HEIGHT = 34;

    private ContactSheet() {
    }

    public static BufferedImage render(ShapesDataset dataset) {
        ImageGrid grid = new ImageGrid(Shape.values().length * PER_SHAPE, SCALE, 2);
        List<float[]> cells = new ArrayList<>();
        for (int size = Shape.MIN_SIZE; size <= Shape.MAX_SIZE; size++) {
            for (Shape shape : Shape.values()) {
                int s = size;
                List<ShapeEntry> group = dataset.entries().stream().filter(e -> e.shape() == shape && e.size() == s).toList();
                for (int i = 0; i < PER_SHAPE; i++) {
                    // Spread the picks over the group, skipping the very first and last positions.
                    int pick = (int) ((i + 0.5) * group.size() / PER_SHAPE);
                    cells.add(group.get(pick).image().toFloats());
                }
            }
        }
        BufferedImage images = grid.render(cells);
        BufferedImage sheet = new BufferedImage(images.getWidth() + LABEL_WIDTH, images.getHeight() + HEADER_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.drawImage(images, LABEL_WIDTH, HEADER_HEIGHT, null);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        int step = grid.cellSide() + grid.separator();
        for (int i = 0; i < Shape.values().length; i++) {
            String label = Shape.values()[i].label() + "s";
            int centre = LABEL_WIDTH + i * PER_SHAPE * step + PER_SHAPE * step / 2;
            g.drawString(label, centre - g.getFontMetrics().stringWidth(label) / 2, 24);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        for (int size = Shape.MIN_SIZE; size <= Shape.MAX_SIZE; size++) {
            int row = size - Shape.MIN_SIZE;
            g.drawString("size " + size, 8, HEADER_HEIGHT + row * step + step / 2 + 5);
        }
        g.dispose();
        return sheet;
    }
}
