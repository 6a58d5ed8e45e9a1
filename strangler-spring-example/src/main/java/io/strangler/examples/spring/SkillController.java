package io.strangler.examples.spring;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The skills API: {@code PUT /users/{id}/skills} with a JSON list of names, and {@code GET /users/{id}/skills}. It
 * injects a {@link SkillStore} as it did before the migration and gets the route's proxy: which store answers is
 * the route's decision for the user id, the proxied methods' {@code @RoutingKey}.
 */
@RestController
public class SkillController {

    private final SkillStore skills;

    /**
     * A controller on the skill store.
     *
     * @param skills the skill store: the route {@code skills}'s proxy
     */
    public SkillController(SkillStore skills) {
        this.skills = skills;
    }

    /**
     * Replaces a user's skills.
     *
     * @param id the user
     * @param body the skills; each is trimmed, and a blank one or one with a comma is refused with 400
     */
    @PutMapping("/users/{id}/skills")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void save(@PathVariable String id, @RequestBody List<String> body) {
        List<String> cleaned = new ArrayList<>(body.size());
        for (String skill : body) {
            String s = skill == null ? "" : skill.strip();
            // the legacy store joins skills with commas: until it is retired, a comma can't be kept
            if (s.isEmpty() || s.contains(",")) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a skill must not be blank or contain a "
                        + "comma, was '" + skill + "'");
            }
            cleaned.add(s);
        }
        skills.save(id, cleaned);
    }

    /**
     * A user's skills.
     *
     * @param id the user
     * @return the skills, in the order they were saved
     */
    @GetMapping("/users/{id}/skills")
    public List<String> skills(@PathVariable String id) {
        return skills.skills(id);
    }
}
