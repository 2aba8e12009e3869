package dev.zupa.examples.dashboard;

import org.jspecify.annotations.Nullable;

/**
 * Everything one frame of the dashboard shows: the API's address, where the operator is, the latest poll
 * ({@link Snapshot#NONE} before the first), the open session's ledger once fetched, and a status line ({@code ""} when
 * all is well).
 */
record Board(
        String api,
        Navigation navigation,
        Snapshot snapshot,
        @Nullable SessionDetail detail,
        String status) {}
