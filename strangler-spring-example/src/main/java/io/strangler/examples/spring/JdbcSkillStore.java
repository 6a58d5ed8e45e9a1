package io.strangler.examples.spring;

import io.strangler.api.Side;
import io.strangler.spring.StranglerRoute;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The legacy store: one row per user in {@code skills_legacy}, the skills joined with commas into one column, as
 * the monolith has kept them for years. The legacy side of the route {@code skills}.
 */
@Repository
@Transactional
@StranglerRoute(value = "skills", side = Side.LEGACY)
public class JdbcSkillStore implements SkillStore {

    private final JdbcTemplate jdbc;

    /**
     * A store on the application's database.
     *
     * @param jdbc the application's JDBC template
     */
    public JdbcSkillStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(String userId, List<String> skills) {
        jdbc.update("INSERT INTO skills_legacy (user_id, skills) VALUES (?, ?) "
                + "ON CONFLICT (user_id) DO UPDATE SET skills = EXCLUDED.skills", userId, String.join(",", skills));
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> skills(String userId) {
        List<String> rows = jdbc.queryForList("SELECT skills FROM skills_legacy WHERE user_id = ?", String.class,
                userId);
        if (rows.isEmpty() || rows.get(0).isEmpty()) {
            return List.of();
        }
        return List.of(rows.get(0).split(","));
    }
}
