/**
 * Files written without losing data: atomic writes, staging folders that are renamed into place,
 * recursive deletion, and the words for file errors. Depends on the JDK alone, so that every
 * other package may use it.
 */
package dev.shapesvae.io;
