package io.strangler.spring;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartFactoryBean;

/**
 * Makes one route's routing proxy: takes both sides' beans by name (so that a side that is itself a proxy, a
 * {@code @Transactional} CGLIB subclass or a Spring Data repository, is routed to as it is), registers the route with
 * the router and returns {@link io.strangler.api.Route#proxy()}. Made eagerly, so that every route is registered
 * when the context is ready, whether or not anything injects it.
 *
 * @param <T> the route's interface
 */
final class RouteProxyFactoryBean<T> implements SmartFactoryBean<T>, BeanFactoryAware {

    private final String route;
    private final Class<T> type;
    private final String legacyBean;
    private final String modernBean;
    private BeanFactory beanFactory;
    private T proxy;

    RouteProxyFactoryBean(String route, Class<T> type, String legacyBean, String modernBean) {
        this.route = route;
        this.type = type;
        this.legacyBean = legacyBean;
        this.modernBean = modernBean;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        this.beanFactory = beanFactory;
    }

    /** Memoised: Spring may ask again while the factory itself is still in creation, and a route registers once. */
    @Override
    public synchronized T getObject() {
        if (proxy == null) {
            proxy = create();
        }
        return proxy;
    }

    private T create() {
        RouteAssembler assembler = beanFactory.getBean(RouteAssembler.class);
        Object legacy = beanFactory.getBean(legacyBean);
        Object modern = beanFactory.getBean(modernBean);
        return assembler.register(route, type, legacyBean, cast(legacy, legacyBean), modernBean,
                cast(modern, modernBean));
    }

    private T cast(Object side, String bean) {
        if (!type.isInstance(side)) {
            throw new StranglerConfigurationException("route '" + route + "'", null, "bean '" + bean + "' ("
                    + side.getClass().getName() + ") does not implement " + type.getName(),
                    "Make both sides implement the route's interface, or name another interface in "
                            + "strangler.routes." + route + ".type.");
        }
        return type.cast(side);
    }

    @Override
    public Class<?> getObjectType() {
        return type;
    }

    @Override
    public boolean isSingleton() {
        return true;
    }

    @Override
    public boolean isEagerInit() {
        return true;
    }
}
