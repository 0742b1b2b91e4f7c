package org.smtpplus.core.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store port in front of a working one, that fails as an outage does when told to: every call while it is
 * {@link #down()}, the next calls of one method ({@link #failNext}), or the next call about one key
 * ({@link #failNextWith}). Each failure is the
 * {@link StoreUnavailableException} a Cassandra store throws, naming the port and the method. The one helper for the
 * outage tests of every module: a hand-written fake per port is what this replaces.
 *
 * <pre>{@code
 * StoreOutage<SuppressionRepository> outage = StoreOutage.of(SuppressionRepository.class, new MemorySuppressionRepository());
 * outage.failNext("add", 1);
 * SuppressionRepository suppressions = outage.port();
 * }</pre>
 *
 * @param <T> an interface: the proxy is Java's own {@link Proxy}
 */
public final class StoreOutage<T> {
    private final Class<T> port;
    private final T working;
    private final T proxy;
    private final Map<String, Integer> failuresLeft = new ConcurrentHashMap<>();
    private final Set<List<Object>> failOnceWith = ConcurrentHashMap.newKeySet();
    private volatile RuntimeException broken;
    private volatile boolean down;
    private volatile Set<String> downMethods = Set.of();

    private StoreOutage(Class<T> port, T working) {
        this.port = port;
        this.working = working;
        this.proxy = port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, new Handler()));
    }

    public static <T> StoreOutage<T> of(Class<T> port, T working) {
        return new StoreOutage<>(port, working);
    }

    /** The port to give the code under test. */
    public T port() {
        return proxy;
    }

    /** The store behind, which answers whatever the outage: to set things up or look at them. */
    public T working() {
        return working;
    }

    /** From now on every call fails. */
    public StoreOutage<T> down() {
        down = true;
        return this;
    }

    /** From now on the calls of these methods fail, and the others answer: a store that lost part of its quorum. */
    public StoreOutage<T> downFor(String... methods) {
        downMethods = Set.of(methods);
        return this;
    }

    /** The outage is over: every call answers. */
    public StoreOutage<T> up() {
        down = false;
        downMethods = Set.of();
        failuresLeft.clear();
        failOnceWith.clear();
        broken = null;
        return this;
    }

    /**
     * The next call of the method whose first argument is this one fails, once, whenever it comes: a store that timed
     * out on one key.
     */
    public StoreOutage<T> failNextWith(String method, Object firstArgument) {
        failOnceWith.add(List.of(method, firstArgument));
        return this;
    }

    /** From now on every call throws this failure rather than an outage's: a store broken by a bug. */
    public StoreOutage<T> brokenBy(RuntimeException failure) {
        broken = failure;
        return this;
    }

    /** The next {@code times} calls of the method fail, then it answers again. */
    public StoreOutage<T> failNext(String method, int times) {
        failuresLeft.put(method, times);
        return this;
    }

    private final class Handler implements InvocationHandler {
        @Override
        public Object invoke(Object target, Method method, Object[] arguments) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(StoreOutage.this, arguments);
            }
            if (broken != null) {
                throw broken;
            }
            boolean failsWith = arguments != null && arguments.length > 0
                && failOnceWith.remove(List.of(method.getName(), arguments[0]));
            if (failsWith || fails(method.getName())) {
                // worded as CassandraFailures words a real outage
                throw new StoreUnavailableException("Cassandra is unavailable for " + port.getSimpleName() + "."
                    + method.getName(), new RuntimeException("the store is down"));
            }
            try {
                return method.invoke(working, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private boolean fails(String method) {
            if (down || downMethods.contains(method)) {
                return true;
            }
            Integer left = failuresLeft.computeIfPresent(method, (name, count) -> count - 1);
            if (left == null) {
                return false;
            }
            if (left <= 0) {
                failuresLeft.remove(method);
            }
            return left >= 0;
        }
    }
}
