/**
 * The exact 28 x 28 shapes dataset of SPEC section 1: the drawing rules, the 8002 entries and
 * their 7824 distinct images, and the split by seed. The bottom of the data flow: depends on the
 * JDK alone.
 */
package dev.shapesvae.dataset;
