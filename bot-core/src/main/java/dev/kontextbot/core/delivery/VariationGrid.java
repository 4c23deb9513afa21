package dev.kontextbot.core.delivery;

import dev.kontextbot.inference.image.LanczosResizer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * One picture of a set of variations: 2 side by side, 3 or 4 as 2x2 (the fourth cell of three stays empty), in
 * reading order, each tile its picture scaled (aspect kept, never enlarged) to at most {@link #TILE_MAX_SIDE} on its
 * longest side and labelled with its number (1-based) in a dark badge at its top-left corner.
 *
 * <p>Bounds: at most 2 x 768 + 3 x 8 = 1560 px a side, so width plus height stays far under Telegram's 10000 and a
 * PNG of it under Discord's 10 MiB upload limit for ordinary pictures (the Discord adapter falls back to JPEG past
 * it). The digits are drawn from a 5x7 bitmap rather than a font: a slim server image may have no fonts at all, and
 * Java2D's text then fails at run time. Pure and thread-safe.
 */
public final class VariationGrid {

    /** The longest side of one tile. */
    public static final int TILE_MAX_SIDE = 768;
    /** Space between tiles and around them. */
    public static final int GAP = 8;
    public static final Color BACKGROUND = new Color(0x2B2D31);
    public static final Color BADGE = new Color(0x111214);
    public static final Color DIGIT = Color.WHITE;
    private static final int COLUMNS = 2;

    /** Digits 1-4 (a set has at most four) on a 5x7 grid, '#' for a lit cell. */
    private static final String[][] DIGITS = {
            {"..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."},
            {".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"},
            {"#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."},
            {"...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."},
    };
    private static final int GLYPH_W = 5;
    private static final int GLYPH_H = 7;

    /** The composed picture and where each tile sits in it (in the order of the pictures given). */
    public record Grid(BufferedImage image, List<Rectangle> tiles) {
        public Grid {
            tiles = List.copyOf(tiles);
        }
    }

    private final LanczosResizer resizer;

    public VariationGrid(LanczosResizer resizer) {
        this.resizer = resizer;
    }

    public Grid compose(List<BufferedImage> pictures) {
        if (pictures.size() < 2 || pictures.size() > DIGITS.length) {
            throw new IllegalArgumentException("a grid shows 2 to " + DIGITS.length + " pictures, got "
                    + pictures.size());
        }
        List<BufferedImage> tiles = pictures.stream().map(this::tile).toList();
        int cellW = tiles.stream().mapToInt(BufferedImage::getWidth).max().orElseThrow();
        int cellH = tiles.stream().mapToInt(BufferedImage::getHeight).max().orElseThrow();
        int rows = (tiles.size() + COLUMNS - 1) / COLUMNS;
        BufferedImage grid = new BufferedImage(COLUMNS * cellW + (COLUMNS + 1) * GAP, rows * cellH + (rows + 1) * GAP,
                BufferedImage.TYPE_INT_RGB);
        List<Rectangle> placed = new ArrayList<>();
        Graphics2D g = grid.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            for (int i = 0; i < tiles.size(); i++) {
                BufferedImage tile = tiles.get(i);
                // Centred in its cell, so a smaller picture of a mixed set does not hug a corner.
                int x = GAP + (i % COLUMNS) * (cellW + GAP) + (cellW - tile.getWidth()) / 2;
                int y = GAP + (i / COLUMNS) * (cellH + GAP) + (cellH - tile.getHeight()) / 2;
                g.drawImage(tile, x, y, null);
                Rectangle at = new Rectangle(x, y, tile.getWidth(), tile.getHeight());
                label(g, at, i + 1);
                placed.add(at);
            }
        } finally {
            g.dispose();
        }
        return new Grid(grid, placed);
    }

    /** The picture scaled to fit {@link #TILE_MAX_SIDE}, aspect kept; as it is when it already fits. */
    private BufferedImage tile(BufferedImage picture) {
        int longSide = Math.max(picture.getWidth(), picture.getHeight());
        if (longSide <= TILE_MAX_SIDE) {
            return picture;
        }
        double scale = (double) TILE_MAX_SIDE / longSide;
        int w = Math.max(1, (int) Math.round(picture.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(picture.getHeight() * scale));
        return resizer.resize(picture, w, h);
    }

    /**
     * The number in a badge at the tile's top-left corner, {@link #badgeScale} pixels per glyph cell; clipped to the
     * tile, so on a tiny picture it never spills onto a neighbour.
     */
    private static void label(Graphics2D g, Rectangle tile, int number) {
        int k = badgeScale(tile.width, tile.height);
        Graphics2D clipped = (Graphics2D) g.create();
        try {
            clipped.clip(tile);
            int bx = tile.x + k;
            int by = tile.y + k;
            clipped.setColor(BADGE);
            clipped.fillRect(bx, by, (GLYPH_W + 4) * k, (GLYPH_H + 4) * k);
            clipped.setColor(DIGIT);
            String[] glyph = DIGITS[number - 1];
            for (int row = 0; row < GLYPH_H; row++) {
                for (int col = 0; col < GLYPH_W; col++) {
                    if (glyph[row].charAt(col) == '#') {
                        clipped.fillRect(bx + (col + 2) * k, by + (row + 2) * k, k, k);
                    }
                }
            }
        } finally {
            clipped.dispose();
        }
    }

    /** Pixels per glyph cell: a 64th of the tile's short side, 2 to 8 (the badge is 11 cells high). */
    static int badgeScale(int width, int height) {
        return Math.clamp(Math.min(width, height) / 64, 2, 8);
    }
}
