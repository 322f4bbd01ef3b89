package dev.shapesvae.repository;

import java.util.List;

/** The bundles of a repository that loaded and verified, and the entries skipped with their reasons. */
public record Loaded(List<ModelBundle> bundles, List<Skipped> skipped) {
}
