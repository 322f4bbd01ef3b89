package dev.shapesvae.repository;

/** The loss of a model split into its terms: reconstruction, regulariser (KL or lambda-weighted MMD), and total. */
public record LossValues(double reconstruction, double regulariser, double total) {
}
