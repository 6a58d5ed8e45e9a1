package io.strangler.spring;

import io.strangler.api.Side;
import io.strangler.spring.StranglerProperties.RouteProperties;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Finds the routes of the application (beans marked {@link StranglerRoute}, and beans named in
 * {@code strangler.routes.<name>.legacy-bean} and {@code .modern-bean}) before any bean is made, and registers, for
 * each, a primary bean of the route's interface: the routing proxy ({@link RouteProxyFactoryBean}). Injection by type
 * then finds one primary candidate among three, so start-up never fails on two implementations, and callers change
 * nothing. Both sides stay injectable by name. A route with one side only, two beans for one side, a bean name that
 * doesn't exist, or sides that share no interface stop start-up with a {@link StranglerConfigurationException}.
 */
final class StranglerRouteRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    /** Prefix of the routing proxies' bean names: {@code strangler.route.cv-analyzer}. */
    static final String PROXY_BEAN_PREFIX = "strangler.route.";
    /** The bean listing every route found. */
    static final String ROUTES_BEAN = "strangler.routes";

    private @Nullable Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
        if (!(registry instanceof ConfigurableListableBeanFactory factory) || registry.containsBeanDefinition(
                ROUTES_BEAN)) {
            return;
        }
        Map<String, RouteProperties> properties = environment == null ? Map.of() : Binder.get(environment)
                .bind("strangler.routes", Bindable.mapOf(String.class, RouteProperties.class)).orElse(Map.of());
        Map<String, Sides> routes = new TreeMap<>();
        for (String bean : registry.getBeanDefinitionNames()) {
            StranglerRoute marked = annotation(factory, bean);
            if (marked != null) {
                routes.computeIfAbsent(marked.value(), Sides::new).add(marked.side(), bean, "@StranglerRoute on bean '"
                        + bean + "'", marked.type() == void.class ? null : marked.type());
            }
        }
        properties.forEach((route, p) -> {
            String prefix = "strangler.routes." + route;
            if (p.getLegacyBean() != null) {
                routes.computeIfAbsent(route, Sides::new).add(Side.LEGACY, existing(factory, prefix + ".legacy-bean",
                        p.getLegacyBean()), prefix + ".legacy-bean", p.getType());
            }
            if (p.getModernBean() != null) {
                routes.computeIfAbsent(route, Sides::new).add(Side.MODERN, existing(factory, prefix + ".modern-bean",
                        p.getModernBean()), prefix + ".modern-bean", p.getType());
            }
            if (!routes.containsKey(route)) {
                throw new StranglerConfigurationException(prefix, null, "there are properties for route '" + route
                        + "' but no bean is either side of it", "Mark its two beans @StranglerRoute(value = \"" + route
                        + "\", side = ...), or name them in " + prefix + ".legacy-bean and " + prefix
                        + ".modern-bean; or remove the properties if the route's name is misspelt (routes found: "
                        + routes.keySet() + ").");
            }
        });
        List<String> proxies = new ArrayList<>();
        for (Sides sides : routes.values()) {
            Class<?> type = sides.type(factory, properties.get(sides.route));
            RootBeanDefinition proxy = new RootBeanDefinition(RouteProxyFactoryBean.class);
            proxy.getConstructorArgumentValues().addIndexedArgumentValue(0, sides.route);
            proxy.getConstructorArgumentValues().addIndexedArgumentValue(1, type);
            proxy.getConstructorArgumentValues().addIndexedArgumentValue(2, sides.bean(Side.LEGACY));
            proxy.getConstructorArgumentValues().addIndexedArgumentValue(3, sides.bean(Side.MODERN));
            proxy.setAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE, type);
            proxy.setPrimary(true);
            registry.registerBeanDefinition(PROXY_BEAN_PREFIX + sides.route, proxy);
            proxies.add(PROXY_BEAN_PREFIX + sides.route);
        }
        RootBeanDefinition list = new RootBeanDefinition(StranglerRoutes.class);
        list.getConstructorArgumentValues().addIndexedArgumentValue(0, List.copyOf(routes.keySet()));
        list.getConstructorArgumentValues().addIndexedArgumentValue(1, List.copyOf(proxies));
        registry.registerBeanDefinition(ROUTES_BEAN, list);
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        // everything is done on the registry, before any bean definition is frozen
    }

    private static @Nullable StranglerRoute annotation(ConfigurableListableBeanFactory factory, String bean) {
        if (bean.startsWith(PROXY_BEAN_PREFIX)) {
            return null;
        }
        try {
            return factory.findAnnotationOnBean(bean, StranglerRoute.class, false);
        } catch (NoSuchBeanDefinitionException | IllegalStateException e) {
            return null;  // an abstract definition, or one whose type can't be found without making it
        }
    }

    private static String existing(ConfigurableListableBeanFactory factory, String property, String bean) {
        if (!factory.containsBean(bean)) {
            throw new StranglerConfigurationException(property, bean, "there is no bean named '" + bean + "'",
                    "Set " + property + " to the name of an existing bean (see the bean names in the context, e.g. "
                            + "with the Actuator's beans endpoint).");
        }
        return bean;
    }

    /** What was found of one route: the bean of each side and where it was declared. */
    private static final class Sides {
        final String route;
        final Map<Side, String> beans = new EnumMap<>(Side.class);
        final Map<Side, String> declaredBy = new EnumMap<>(Side.class);
        @Nullable Class<?> type;

        Sides(String route) {
            this.route = route;
        }

        void add(Side side, String bean, String declared, @Nullable Class<?> declaredType) {
            String before = beans.get(side);
            if (before != null && !before.equals(bean)) {
                throw new StranglerConfigurationException("route '" + route + "'", null, "two beans are its "
                        + side + " side: '" + before + "' (" + declaredBy.get(side) + ") and '" + bean + "' ("
                        + declared + ")", "Keep one " + side + " side per route.");
            }
            beans.put(side, bean);
            declaredBy.put(side, declared);
            if (declaredType != null) {
                type = declaredType;
            }
        }

        String bean(Side side) {
            String bean = beans.get(side);
            if (bean == null) {
                Side other = side == Side.LEGACY ? Side.MODERN : Side.LEGACY;
                throw new StranglerConfigurationException("route '" + route + "'", null, "it has a " + other
                        + " side (bean '" + beans.get(other) + "', " + declaredBy.get(other) + ") and no " + side
                        + " side", "Mark the " + side + " bean @StranglerRoute(value = \"" + route + "\", side = Side."
                        + side + "), or name it in strangler.routes." + route + "." + side.name().toLowerCase()
                        + "-bean.");
            }
            return bean;
        }

        Class<?> type(ConfigurableListableBeanFactory factory, @Nullable RouteProperties properties) {
            String legacy = bean(Side.LEGACY);
            String modern = bean(Side.MODERN);
            if (type != null) {
                if (!type.isInterface()) {
                    throw new StranglerConfigurationException("strangler.routes." + route + ".type", type.getName(),
                            "the route's type must be an interface", "Name the interface both sides implement.");
                }
                return type;
            }
            Set<Class<?>> shared = interfaces(factory, legacy);
            shared.retainAll(interfaces(factory, modern));
            shared.removeIf(i -> shared.stream().anyMatch(j -> j != i && i.isAssignableFrom(j)));
            if (shared.size() != 1) {
                throw new StranglerConfigurationException("route '" + route + "'", null, shared.isEmpty()
                        ? "its sides, beans '" + legacy + "' and '" + modern + "', share no interface of the "
                                + "application's" : "its sides share " + shared.size() + " interfaces " + names(shared),
                        "Set @StranglerRoute(type = ...) or strangler.routes." + route + ".type to the interface "
                                + "callers use.");
            }
            return shared.iterator().next();
        }

        private static Set<Class<?>> interfaces(ConfigurableListableBeanFactory factory, String bean) {
            Class<?> type = factory.getType(bean, false);
            Set<Class<?>> out = new LinkedHashSet<>();
            if (type == null) {
                return out;
            }
            Set<Class<?>> all = new LinkedHashSet<>(ClassUtils.getAllInterfacesForClassAsSet(type));
            if (type.isInterface()) {
                all.add(type);
                for (Class<?> i : type.getInterfaces()) {
                    all.addAll(ClassUtils.getAllInterfacesForClassAsSet(i));
                    all.add(i);
                }
            }
            for (Class<?> i : all) {
                String n = i.getName();
                if (!(n.startsWith("java.") || n.startsWith("jakarta.") || n.startsWith("javax.")
                        || n.startsWith("org.springframework.") || n.startsWith("kotlin."))) {
                    out.add(i);
                }
            }
            return out;
        }

        private static List<String> names(Set<Class<?>> types) {
            List<String> out = new ArrayList<>();
            types.forEach(t -> out.add(t.getName()));
            return out;
        }
    }
}
