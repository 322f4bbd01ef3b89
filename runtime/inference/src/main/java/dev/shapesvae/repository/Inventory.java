package dev.shapesvae.repository;

import java.util.List;
import java.util.SortedMap;

/** The models of a repository with their version numbers (ascending), and the entries that were skipped. */
public record Inventory(SortedMap<String, List<Integer>> models, List<Skipped> skipped) {
}
