/**
 * Not API: the SQLite store's and directory's connections, schemas, group-commit writer and row mapping.
 */
@NullMarked
package dev.zupa.adapters.sqlite.internal;

import org.jspecify.annotations.NullMarked;
