/**
 * One fit from data to bundle: the training loop, checkpoints and resume, the history, and the
 * export of the trained weights and their samplers into the repository. May depend on
 * trainer.model, trainer.config, trainer.sampler, dataset, export, onnx, repository, io and cli
 * (its progress bar).
 */
package dev.shapesvae.trainer.fit;
