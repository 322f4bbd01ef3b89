/**
 * What the three programs' command lines share: picocli mixins for {@code --models} and
 * {@code --device}, one-line messages for expected failures, progress bars, the version. May
 * depend on picocli, io and repository, never on a program's own packages.
 */
package dev.shapesvae.cli;
