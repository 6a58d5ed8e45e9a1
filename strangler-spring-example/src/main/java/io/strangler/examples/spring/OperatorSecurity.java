package io.strangler.examples.spring;

import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what: the operator console ({@code /actuator/strangler-console/}, {@code strangler.console.*} in
 * {@code application.properties}) and the writes of the {@code strangler} Actuator endpoint are for operators (role
 * {@value #OPERATOR_ROLE}); the skills API and Actuator's reads stay open, as they were before the console.
 *
 * <p>The console is a browser page: an operator logs in with the form Spring Security generates, and CSRF protection
 * stays on for it (the page sends its token with each command). It is off for the skills API (its callers are
 * services sending no cookies, and it asks for no credentials anyway) and for the {@code strangler} endpoint's writes
 * (called by tools with HTTP Basic credentials, e.g. {@code curl -u operator ...}).
 *
 * <p>One in-memory user, {@value #OPERATOR}, whose password is {@code skills.console.operator-password}; without
 * it, a random password is generated and logged at start-up. A real service takes its operators from its identity
 * provider instead.
 */
@Configuration(proxyBeanMethods = false)
public class OperatorSecurity {

    /** The operators' role: the console's path and the {@code strangler} endpoint's writes need it. */
    public static final String OPERATOR_ROLE = "STRANGLER_OPERATOR";

    /** The operator's user name. */
    public static final String OPERATOR = "operator";

    private static final Logger LOG = LoggerFactory.getLogger(OperatorSecurity.class);

    /** Made by Spring. */
    public OperatorSecurity() {
    }

    /**
     * The application's security filter chain.
     *
     * @param http Spring Security's builder
     * @return the chain
     * @throws Exception if Spring Security can't build it
     */
    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/strangler-console/**").hasRole(OPERATOR_ROLE)
                        .requestMatchers(HttpMethod.POST, "/actuator/strangler/**").hasRole(OPERATOR_ROLE)
                        .requestMatchers(HttpMethod.GET, "/actuator/**").permitAll()
                        .requestMatchers("/users/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .httpBasic(Customizer.withDefaults())
                // not "/actuator/**": the console, under /actuator too, is a browser session and keeps CSRF on
                .csrf(csrf -> csrf.ignoringRequestMatchers("/users/**", "/actuator/strangler/**"))
                .build();
    }

    /**
     * The operator.
     *
     * @param password {@code skills.console.operator-password}, or empty for a random one, logged
     * @return the users
     */
    @Bean
    UserDetailsService users(@Value("${skills.console.operator-password:}") String password) {
        String secret = password;
        if (secret.isBlank()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            LOG.warn("The console's operator is '{}' with the generated password {} (set "
                    + "skills.console.operator-password to choose one)", OPERATOR, secret);
        }
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new InMemoryUserDetailsManager(User.withUsername(OPERATOR).password(encoder.encode(secret))
                .roles(OPERATOR_ROLE).build());
    }
}
