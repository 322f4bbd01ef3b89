package dev.shapesvae.analysis.report;

import dev.shapesvae.image.ImageGrid;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * An image grid with a title, column labels above, row labels at the left and an optional
 * caption under each cell, drawn with Java2D around an {@link ImageGrid}.
 */
public record LabelledGrid(String title, int columns, int scale, List<String> columnLabels, List<String> rowLabels,
        List<String> captions) {
    private static final int SEPARATOR = 2;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    public BufferedImage render(List<float[]> cells) {
        ImageGrid grid = new ImageGrid(columns, scale, SEPARATOR);
        BufferedImage images = grid.render(cells);
        int captionHeight = captions.isEmpty() ? 0 : 16;
        int step = grid.cellSide() + SEPARATOR;
        int rows = (cells.size() + columns - 1) / columns;
        int left = rowLabels.isEmpty() ? 8 : 8 + rowLabels.stream().mapToInt(String::length).max().orElse(0) * 7 + 8;
        int top = 30 + (columnLabels.isEmpty() ? 0 : 18);
        int width = Math.max(left + images.getWidth() + 8, 16 + title.length() * 9);
        BufferedImage out = new BufferedImage(width, top + images.getHeight() + rows * captionHeight + 8, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(title, 8, 20);
        g.setFont(LABEL);
        FontMetrics metrics = g.getFontMetrics();
        for (int c = 0; c < columnLabels.size() && c < columns; c++) {
            String label = columnLabels.get(c);
            g.drawString(label, left + SEPARATOR + c * step + (grid.cellSide() - metrics.stringWidth(label)) / 2, top - 5);
        }
        // Each row of cells is drawn separately so that captions can sit under it.
        for (int r = 0; r < rows; r++) {
            int y = top + r * (step + captionHeight);
            g.drawImage(images.getSubimage(0, r * step, images.getWidth(), step + SEPARATOR), left, y, null);
            if (r < rowLabels.size()) {
                g.drawString(rowLabels.get(r), 8, y + step / 2 + 5);
            }
            for (int c = 0; c < columns && !captions.isEmpty(); c++) {
                int i = r * columns + c;
                if (i < captions.size()) {
                    String caption = captions.get(i);
                    g.drawString(caption, left + SEPARATOR + c * step + (grid.cellSide() - metrics.stringWidth(caption)) / 2,
                            y + step + SEPARATOR + 12);
                }
            }
        }
        g.dispose();
        return out;
    }
}
