package io.strangler.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.api.Side;
import io.strangler.api.annotation.Read;
import io.strangler.api.annotation.RoutingKey;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
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
 * Spring's caching annotations on a route's interface apply to both sides under one name and key, so modern answers
 * from what legacy cached and never runs: start-up warns, naming the route, the method, the cache and the fixes.
 */
class CacheOnInterfaceTest {

    /** Cached on the interface: the trap. */
    public interface Prices {
        @Read
        @Cacheable("prices")
        String price(@RoutingKey String sku);
    }

    /** A side that counts its calls. */
    public static class CountingPrices implements Prices {
        final AtomicInteger calls = new AtomicInteger();
        final String side;

        public CountingPrices(String side) {
            this.side = side;
        }

        @Override
        public String price(String sku) {
            calls.incrementAndGet();
            return side + " " + sku;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class Cached {
        @Bean
        CacheManager cacheManager() {
            return new ConcurrentMapCacheManager();
        }

        @Bean
        @StranglerRoute(value = "prices", side = Side.LEGACY)
        CountingPrices legacyPrices() {
            return new CountingPrices("legacy");
        }

        @Bean
        @StranglerRoute(value = "prices", side = Side.MODERN)
        CountingPrices modernPrices() {
            return new CountingPrices("modern");
        }
    }

    @Test
    void aCacheOnTheInterfaceIsFoundAtStartUpWithItsNameAndTheFix() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(StranglerAutoConfiguration.class))
                .withUserConfiguration(Cached.class).withPropertyValues("strangler.rollout.enabled=false",
                        "strangler.routes.prices.stage=shadow", "strangler.routes.prices.shadow-sample=100")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(new CacheOnInterfaceCheck().check("prices", Prices.class, "legacyPrices",
                            "modernPrices")).singleElement().satisfies(w -> assertThat(w)
                                    .startsWith("route 'prices': Prices.price is cached on the interface (cache "
                                            + "[prices])").contains("'legacyPrices' and 'modernPrices'")
                                    .contains("Give each side its own cache"));
                    Prices prices = context.getBean(Prices.class);
                    prices.price("sku-1");
                    prices.price("sku-1");
                    CountingPrices legacy = AopTestUtils.getTargetObject(context.getBean("legacyPrices"));
                    CountingPrices modern = AopTestUtils.getTargetObject(context.getBean("modernPrices"));
                    assertThat(legacy.calls.get() + modern.calls.get())
                            .as("what the warning is about: the second read never reached a side").isEqualTo(1);
                });
    }

    @Test
    void anInterfaceWithoutCachingGivesNoWarning() {
        assertThat(new CacheOnInterfaceCheck().check("greeter", Greeter.class, "a", "b")).isEmpty();
    }
}
