/**
 * Pictures of 28 x 28 images: grey grids and single images as {@code BufferedImage}, and PNG
 * bytes or files written atomically. May depend on dataset and io, and on the JDK's imaging.
 */
package dev.shapesvae.image;
