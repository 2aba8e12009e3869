/**
 * Users, sessions and reply modalities, and the directory port that stores users and sessions.
 */
@NullMarked
package dev.zupa.core.conversation;

import org.jspecify.annotations.NullMarked;
