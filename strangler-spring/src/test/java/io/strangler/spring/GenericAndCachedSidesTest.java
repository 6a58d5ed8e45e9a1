package io.strangler.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.MigrationRouter;
import io.strangler.api.Side;
import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.AopTestUtils;

/**
 * A generic interface, with an overload, whose sides are {@code @Cacheable} CGLIB proxies each with a cache of its
 * own (the fix the cache-on-interface warning gives): routed like any other, each side's cache working for routed calls
 * exactly as for a caller holding the side through the interface.
 */
class GenericAndCachedSidesTest {

    /** A generic interface with an overload. */
    public interface Catalog<T> {
        @Read
        T find(@RoutingKey String id);

        @Read
        T find(@RoutingKey String id, String locale);
    }

    /** A side whose finds are cached in a cache of its own. */
    public static class CachedCatalog implements Catalog<String> {
        // per id: the canary stage also runs a sample of calls on the other side in the shadow, on another thread,
        // so a side's total count also holds shadow calls for other ids, made at no fixed moment
        private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        private final String side;

        public CachedCatalog(String side) {
            this.side = side;
        }

        @Override
        public String find(String id) {
            calls(id).incrementAndGet();
            return side + " " + id;
        }

        @Override
        public String find(String id, String locale) {
            calls(id).incrementAndGet();
            return side + " " + id + " in " + locale;
        }

        AtomicInteger calls(String id) {
            return calls.computeIfAbsent(id, k -> new AtomicInteger());
        }
    }

    /** Legacy's cache. */
    public static class LegacyCatalog extends CachedCatalog {
        public LegacyCatalog() {
            super("legacy");
        }

        @Override
        @Cacheable("legacy-catalog")
        public String find(String id) {
            return super.find(id);
        }
    }

    /** Modern's cache. */
    public static class ModernCatalog extends CachedCatalog {
        public ModernCatalog() {
            super("modern");
        }

        @Override
        @Cacheable("modern-catalog")
        public String find(String id) {
            return super.find(id);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching(proxyTargetClass = true)
    static class App {
        @Bean
        CacheManager cacheManager() {
            return new ConcurrentMapCacheManager();
        }

        @Bean
        @StranglerRoute(value = "catalog", side = Side.LEGACY)
        LegacyCatalog legacyCatalog() {
            return new LegacyCatalog();
        }

        @Bean
        @StranglerRoute(value = "catalog", side = Side.MODERN)
        ModernCatalog modernCatalog() {
            return new ModernCatalog();
        }
    }

    @Test
    void aGenericInterfaceOverCachedCglibSidesIsRoutedAndEachSideUsesItsOwnCache() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(StranglerAutoConfiguration.class))
                .withUserConfiguration(App.class).withPropertyValues("strangler.rollout.enabled=false",
                        "strangler.routes.catalog.stage=canary", "strangler.routes.catalog.percentage=50")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(AopUtils.isCglibProxy(context.getBean("legacyCatalog"))).isTrue();
                    @SuppressWarnings("unchecked")
                    Catalog<String> catalog = context.getBean(Catalog.class);
                    MigrationRouter router = context.getBean(MigrationRouter.class);
                    String onModern = key(router, Side.MODERN);
                    String onLegacy = key(router, Side.LEGACY);

                    assertThat(catalog.find(onModern)).isEqualTo("modern " + onModern);
                    assertThat(catalog.find(onModern)).isEqualTo("modern " + onModern);
                    assertThat(catalog.find(onLegacy)).isEqualTo("legacy " + onLegacy);
                    assertThat(catalog.find(onLegacy, "fr")).isEqualTo("legacy " + onLegacy + " in fr");

                    CachedCatalog modern = AopTestUtils.getTargetObject(context.getBean("modernCatalog"));
                    // what a caller holding modern's bean through the interface gets: the route must do the same
                    @SuppressWarnings("unchecked")
                    Catalog<String> direct = (Catalog<String>) context.getBean("modernCatalog");
                    direct.find("direct-1");
                    direct.find("direct-1");
                    assertThat(modern.calls("direct-1")).as("two direct finds: the second from modern's cache")
                            .hasValue(1);
                    assertThat(modern.calls(onModern)).as("two routed finds: the second from modern's cache too")
                            .hasValue(1);
                    assertThat(new CacheOnInterfaceCheck().check("catalog", Catalog.class, "legacyCatalog",
                            "modernCatalog")).as("no cache on the interface, no warning").isEmpty();
                });
    }

    private static String key(MigrationRouter router, Side side) {
        for (int i = 0; ; i++) {
            if (router.route("catalog").decide("item-" + i) == side) {
                return "item-" + i;
            }
        }
    }
}
