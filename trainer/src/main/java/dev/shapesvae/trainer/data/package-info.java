/** The images a training run fits and validates on: one split of the standard shapes dataset. */
package dev.shapesvae.trainer.data;
