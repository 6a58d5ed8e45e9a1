package io.strangler.spring;

import java.util.List;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;

/**
 * The routes the auto-configuration found, and the beans of their routing proxies. Asking for
 * {@link #registerAll()} makes every proxy, which registers its route with the router: the rollout controller is
 * built after that, since it refuses a plan for a route the router doesn't know.
 */
public final class StranglerRoutes implements BeanFactoryAware {

    private final List<String> names;
    private final List<String> proxyBeans;
    private BeanFactory beanFactory;

    /**
     * The routes found.
     *
     * @param names the routes' names
     * @param proxyBeans the bean names of their proxies
     */
    public StranglerRoutes(List<String> names, List<String> proxyBeans) {
        this.names = List.copyOf(names);
        this.proxyBeans = List.copyOf(proxyBeans);
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        this.beanFactory = beanFactory;
    }

    /**
     * The routes' names, sorted.
     *
     * @return the routes' names, sorted
     */
    public List<String> names() {
        return names;
    }

    /** Makes every route's proxy, registering the route with the router. */
    public void registerAll() {
        for (String bean : proxyBeans) {
            beanFactory.getBean(bean);
        }
    }
}
