package io.strangler.examples.spring;

import io.strangler.api.Side;
import io.strangler.spring.StranglerRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The modern store: one row per skill in {@code skills_modern}, with its position in the user's list and a
 * canonical (lower-case) form kept for search, so that no skill name needs to avoid a comma and a search for
 * "java" needs no {@code LIKE}. It answers the names as the user wrote them, as legacy does, unless
 * {@link ModernFaults} says otherwise. The modern side of the route {@code skills}.
 */
@Repository
@Transactional
@StranglerRoute(value = "skills", side = Side.MODERN)
public class ModernSkillStore implements SkillStore {

    private final JdbcTemplate jdbc;
    private final ModernFaults faults;

    /**
     * A store on the application's database.
     *
     * @param jdbc the application's JDBC template
     * @param faults the switches that make it misbehave on purpose
     */
    public ModernSkillStore(JdbcTemplate jdbc, ModernFaults faults) {
        this.jdbc = jdbc;
        this.faults = faults;
    }

    @Override
    public void save(String userId, List<String> skills) {
        faults.beforeCall("save");
        // one transaction (the class is @Transactional): a reader never sees a user's list half replaced
        jdbc.update("DELETE FROM skills_modern WHERE user_id = ?", userId);
        List<Object[]> rows = new ArrayList<>(skills.size());
        for (int i = 0; i < skills.size(); i++) {
            rows.add(new Object[] {userId, i, skills.get(i), canonical(skills.get(i))});
        }
        jdbc.batchUpdate("INSERT INTO skills_modern (user_id, position, skill, canonical) VALUES (?, ?, ?, ?)", rows);
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> skills(String userId) {
        faults.beforeCall("skills");
        String column = faults.canonicalAnswers() ? "canonical" : "skill";
        return jdbc.queryForList("SELECT " + column + " FROM skills_modern WHERE user_id = ? ORDER BY position",
                String.class, userId);
    }

    /** The form searches match on: "Java " and "JAVA" are one skill. */
    static String canonical(String skill) {
        return skill.strip().toLowerCase(Locale.ROOT);
    }
}
