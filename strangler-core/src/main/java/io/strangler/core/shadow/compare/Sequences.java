package io.strangler.core.shadow.compare;

import java.lang.reflect.Array;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;

/** Lists over the things the comparator walks by position or as a multiset: collections and arrays. */
final class Sequences {

    private Sequences() {
    }

    /**
     * The value itself when it is a list, a read-only view when it is an array (primitives boxed on reading), else a
     * copy.
     *
     * @param value a {@link Collection} or an array of any component type
     * @return the value itself when it is a list, a read-only view when it is an array (primitives boxed on
     *     reading), else a copy
     */
    @SuppressWarnings("unchecked")
    static List<Object> asList(Object value) {
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        return new ArrayView(value);
    }

    /**
     * An iterator over its elements, without copying them.
     *
     * @param value a {@link Collection} or an array of any component type
     * @return an iterator over its elements, without copying them
     */
    static Iterator<?> iterator(Object value) {
        return value instanceof Collection<?> collection ? collection.iterator() : new ArrayView(value).iterator();
    }

    /**
     * The number of elements.
     *
     * @param value a {@link Collection} or an array
     * @return its number of elements
     */
    static int size(Object value) {
        return value instanceof Collection<?> collection ? collection.size() : Array.getLength(value);
    }

    private static final class ArrayView extends AbstractList<Object> implements RandomAccess {
        private final Object array;
        private final int length;

        ArrayView(Object array) {
            this.array = array;
            this.length = Array.getLength(array);
        }

        @Override
        public Object get(int index) {
            return Array.get(array, index);
        }

        @Override
        public int size() {
            return length;
        }
    }
}
