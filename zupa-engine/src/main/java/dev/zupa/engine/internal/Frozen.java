package dev.zupa.engine.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deep, order-keeping unmodifiable copies of the collections a node writes, so no node can change a value another
 * node reads. Order is kept (not {@code Map.copyOf}) so that encoded checkpoints are byte-for-byte reproducible.
 */
final class Frozen {
    private Frozen() {}

    static Object freeze(Object value) {
        if (value instanceof List<?> list) {
            var copy = new ArrayList<Object>(list.size());
            for (var item : list) {
                copy.add(freeze(item));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<Object, Object>();
            map.forEach((k, v) -> copy.put(k, freeze(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof Set<?> set) {
            var copy = new LinkedHashSet<Object>();
            for (var item : set) {
                copy.add(freeze(item));
            }
            return Collections.unmodifiableSet(copy);
        }
        return value;
    }
}
