/** Measurements for {@code trainer bench}: what a training step costs, and the ceilings to compare it with. */
package dev.shapesvae.trainer.bench;
